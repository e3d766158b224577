package io.pushway.bench;

import java.util.Map;
import org.HdrHistogram.ConcurrentHistogram;

/** Latency histograms in microseconds (up to one hour, 3 significant digits), reported in ms. */
final class Latencies {

    private Latencies() {
    }

    static ConcurrentHistogram histogram() {
        return new ConcurrentHistogram(3_600_000_000L, 3);
    }

    /** Adds {@code prefix}min_ms, p50_ms … max_ms (absent when nothing was recorded). */
    static void put(Map<String, Object> metrics, String prefix, ConcurrentHistogram histogram) {
        if (histogram.getTotalCount() == 0) {
            return;
        }
        metrics.put(prefix + "min_ms", Micros.millis(histogram.getMinValue()));
        metrics.put(prefix + "p50_ms", Micros.millis(histogram.getValueAtPercentile(50)));
        metrics.put(prefix + "p95_ms", Micros.millis(histogram.getValueAtPercentile(95)));
        metrics.put(prefix + "p99_ms", Micros.millis(histogram.getValueAtPercentile(99)));
        metrics.put(prefix + "p99.9_ms", Micros.millis(histogram.getValueAtPercentile(99.9)));
        metrics.put(prefix + "max_ms", Micros.millis(histogram.getMaxValue()));
    }
}
