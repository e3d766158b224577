package io.pushway.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A running stack to benchmark.
 *
 * @param ingest base URL of the ingest service, e.g. {@code https://localhost:8443}
 * @param ingestManagement its management base URL (Prometheus), e.g. {@code http://127.0.0.1:8081}
 * @param deliveries the delivery replicas; the idle-streams scenario uses the first
 * @param keysDir the directory {@code deploy/local/pki.sh} filled: {@code tls/ca.pem} is trusted,
 *     {@code jwt/private.pem} signs the tokens
 * @param kafkaBootstrap the broker, for the delivery group's consumer lag
 * @param serviceLogs service name to log file, for start-up times ("process running for …"); may be empty
 * @param processes name to process id (0 when unknown) of the stack's processes (services, broker, Redis),
 *     for the CPU they use per message ({@link CpuUse}); may be empty
 */
public record Target(String ingest, String ingestManagement, List<Replica> deliveries, Path keysDir,
        String kafkaBootstrap, Map<String, Path> serviceLogs, Map<String, Long> processes) {

    public Target {
        if (deliveries.isEmpty()) {
            throw new IllegalArgumentException("at least one delivery replica is needed");
        }
        deliveries = List.copyOf(deliveries);
        serviceLogs = Map.copyOf(serviceLogs);
        processes = Map.copyOf(processes);
    }

    /**
     * A delivery replica.
     *
     * @param url its public base URL
     * @param management its management base URL
     * @param pid its process id, for memory (RSS) and {@code jcmd GC.run}; 0 when unknown
     */
    public record Replica(String url, String management, long pid) {
    }
}
