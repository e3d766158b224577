package io.pushway.system;

import io.pushway.testsupport.Ports;
import io.pushway.testsupport.TestKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * HAProxy with the repository's {@code deploy/haproxy/haproxy.cfg} in front of a {@link SystemStack}, on
 * free ports: one HTTPS front door, and its stats page (CSV) to see what HAProxy thinks of each replica.
 */
final class LoadBalancer {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private final ManagedProcess process;
    private final int port;
    private final int statsPort;
    private final HttpClient plainHttp = HttpClient.newHttpClient();

    private LoadBalancer(ManagedProcess process, int port, int statsPort) {
        this.process = process;
        this.port = port;
        this.statsPort = statsPort;
    }

    /** Starts HAProxy for {@code ingest} and the first two {@code deliveries}; waits until it sees them all UP. */
    static LoadBalancer start(Path root, Path work, TestKeys keys, SystemStack.Service ingest,
            List<SystemStack.Service> deliveries) {
        Path pem = frontDoorPem(work, keys);
        Map<String, String> env = new HashMap<>();
        int port = Ports.free();
        int statsPort = Ports.free();
        env.put("PUSHWAY_LB_PORT", String.valueOf(port));
        env.put("PUSHWAY_LB_STATS_PORT", String.valueOf(statsPort));
        env.put("PUSHWAY_LB_CERT", pem.toString());
        env.put("PUSHWAY_LB_CA", keys.caCertificate().toString());
        backend(env, "PUSHWAY_INGEST_1", ingest);
        backend(env, "PUSHWAY_DELIVERY_1", deliveries.get(0));
        backend(env, "PUSHWAY_DELIVERY_2", deliveries.get(1));
        ManagedProcess process = new ManagedProcess("haproxy", work.resolve("haproxy.log"),
                List.of(haproxy(), "-db", "-f", root.resolve("deploy/haproxy/haproxy.cfg").toString()), env).start();
        LoadBalancer balancer = new LoadBalancer(process, port, statsPort);
        balancer.awaitStatus(List.of("ingest-1", "delivery-1", "delivery-2"), "UP", READY_TIMEOUT);
        return balancer;
    }

    private static void backend(Map<String, String> env, String key, SystemStack.Service service) {
        env.put(key, "127.0.0.1:" + service.port());
        env.put(key + "_CHECK", String.valueOf(service.managementPort()));
    }

    /** HAProxy wants the certificate and its key in one file. */
    private static Path frontDoorPem(Path work, TestKeys keys) {
        try {
            Path pem = work.resolve("haproxy.pem");
            Files.writeString(pem, Files.readString(keys.serverCertificate()) + Files.readString(keys.serverPrivateKey()));
            return pem;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String haproxy() {
        return Files.isExecutable(Path.of("/usr/sbin/haproxy")) ? "/usr/sbin/haproxy" : "haproxy";
    }

    /** The front door's URL for {@code path}. */
    String url(String path) {
        return "https://localhost:" + port + path;
    }

    /**
     * HAProxy's view of server {@code name} ({@code ingest-1}, {@code delivery-1}, {@code delivery-2}):
     * its {@code status} ({@code UP}, {@code DOWN}, {@code UP 1/2} while turning down, …) and {@code stot}
     * (sessions it was given so far), from the stats CSV.
     */
    Map<String, String> server(String name) {
        List<String> lines = stats().lines().toList();
        List<String> columns = Arrays.asList(lines.get(0).replaceFirst("^# ", "").split(","));
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            if (cells.length > 1 && cells[1].equals(name)) {
                return Map.of("status", cells[columns.indexOf("status")], "stot", cells[columns.indexOf("stot")]);
            }
        }
        throw new IllegalArgumentException("no server " + name + " in\n" + lines);
    }

    /** Waits until HAProxy reports every server of {@code names} with {@code status}. */
    void awaitStatus(List<String> names, String status, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!names.stream().allMatch(name -> status.equals(server(name).get("status")))) {
            if (!process.isAlive()) {
                throw new IllegalStateException("haproxy exited\n" + process.tail());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(names + " not " + status + " after " + timeout + ":\n" + stats());
            }
            SystemStack.sleep(Duration.ofMillis(100));
        }
    }

    private String stats() {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + statsPort + "/stats;csv"))
                .timeout(Duration.ofSeconds(2)).build();
        for (int attempt = 0; ; attempt++) {
            try {
                return plainHttp.send(request, HttpResponse.BodyHandlers.ofString()).body();
            } catch (IOException e) {
                if (!process.isAlive() || attempt > 50) {
                    throw new IllegalStateException("haproxy stats unreachable\n" + process.tail(), e);
                }
                SystemStack.sleep(Duration.ofMillis(100));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    void stop() {
        process.stop();
    }
}
