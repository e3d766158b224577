package io.pushway.serverstatus;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/**
 * The body of {@code GET /api/v1/status}. {@code details} only for {@code push.admin}.
 *
 * @param status what the service can do now
 * @param version the build's version
 * @param details dependencies, rates, streams and lag; absent for anyone but {@code push.admin}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ServerStatus(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) ServerState status,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "0.1.0-SNAPSHOT") String version,
        @Schema(description = "push.admin only") Details details) {

    /**
     * @param service {@code ingest} or {@code delivery}
     * @param uptimeSeconds since the JVM started
     * @param dependencies each dependency's answer and its latency
     * @param ratesPerSecond published and/or delivered events per second over the last minute
     * @param activeStreams open SSE and WebSocket streams on this replica (delivery)
     * @param consumerLag records this replica's Kafka consumer is behind, at most over its partitions (delivery)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Details(
            @Schema(example = "delivery-service") String service,
            long uptimeSeconds,
            @Schema(description = "By name: redis, kafka") Map<String, Dependency> dependencies,
            @Schema(description = "Over the last minute: published (ingest: accepted publishes), delivered "
                    + "(delivery: events handed to streams)") Map<String, Double> ratesPerSecond,
            @Schema(description = "Delivery only: open SSE and WebSocket streams on this replica") Long activeStreams,
            @Schema(description = "Delivery only: records behind, the largest over its partitions") Long consumerLag) {
    }

    /** @param latencyMs how long the probe took (the time waited, when it did not answer) */
    record Dependency(ServerState status, double latencyMs) {
    }
}
