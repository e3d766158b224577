package io.pushway.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The performance targets, checked against the medians of a report. */
final class Targets {

    /** A target: {@code metric} of {@code result} at most (or at least) {@code limit}. */
    record Target(String label, String result, String metric, boolean atMost, double limit) {
    }

    /** A target with the median measured ({@code NaN}: not measured). */
    record Check(String label, double measured, boolean reached) {
    }

    static final List<Target> ALL = List.of(
            new Target("e2e p50 at 1,000 msg/s ≤ 3 ms", "latency@1000/s", "e2e_p50_ms", true, 3),
            new Target("e2e p99 at 1,000 msg/s ≤ 10 ms", "latency@1000/s", "e2e_p99_ms", true, 10),
            new Target("e2e p99 at 5,000 msg/s ≤ 25 ms", "latency@5000/s", "e2e_p99_ms", true, 25),
            new Target("sustained zero-loss delivered rate ≥ 10,000 msg/s", "sustained",
                    "max_zero_loss_delivered_per_s", false, 10_000),
            new Target("single-message publish ≥ 8,000 req/s (closed loop)", "publish-single", "requests_per_s", false,
                    8_000),
            new Target("single-message publish p99 at 8,000 req/s ≤ 15 ms", "publish-single@8000/s", "latency_p99_ms",
                    true, 15),
            new Target("batch publish ≥ 100,000 msg/s accepted", "publish-batch", "accepted_per_s", false, 100_000),
            new Target("idle SSE stream ≤ 16 KB process memory (RSS or heap growth, the larger)", "idle-streams",
                    "memory_kb_per_stream", true, 16),
            new Target("fan-out to 10,000 streams: last delivery ≤ 250 ms", "fan-out", "last_delivery_ms_median", true,
                    250));

    private Targets() {
    }

    /**
     * Every target against {@code medians}, then start-up (each service ready ≤ 4 s) and heap
     * (≤ 512 MB per process, the highest heap seen after any measurement).
     */
    static List<Check> check(Map<String, Map<String, Object>> medians, Map<String, Double> startup) {
        List<Check> checks = new ArrayList<>();
        for (Target target : ALL) {
            Object value = medians.getOrDefault(target.result(), Map.of()).get(target.metric());
            double measured = value instanceof Number number ? number.doubleValue() : Double.NaN;
            checks.add(new Check(target.label(), measured,
                    target.atMost() ? measured <= target.limit() : measured >= target.limit()));
        }
        startup.forEach((service, seconds) -> checks.add(new Check(service + " ready ≤ 4 s after start", seconds,
                seconds <= 4)));
        double heap = medians.values().stream().flatMap(metrics -> metrics.entrySet().stream())
                .filter(e -> e.getKey().startsWith("heap_mb_") && e.getValue() instanceof Number)
                .mapToDouble(e -> ((Number) e.getValue()).doubleValue()).max().orElse(Double.NaN);
        checks.add(new Check("heap under load ≤ 512 MB per process (highest, MB)", heap, heap <= 512));
        return checks;
    }
}
