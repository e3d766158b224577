package io.pushway.bench;

import java.util.Map;

/**
 * One measurement of one run, e.g. {@code latency@1000/s}: metric name to value (numbers, or text
 * for notes), in insertion order.
 *
 * @param name the measurement
 * @param metrics its metrics
 */
public record Result(String name, Map<String, Object> metrics) {

    public Result {
        metrics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metrics));
    }

    /** A metric as a number, or {@code NaN} when absent or not a number. */
    public double number(String metric) {
        return metrics.get(metric) instanceof Number number ? number.doubleValue() : Double.NaN;
    }
}
