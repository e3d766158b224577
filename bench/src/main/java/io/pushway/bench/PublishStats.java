package io.pushway.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;

/** Counts and latencies of one publishing measurement; thread-safe. */
final class PublishStats {

    private final ConcurrentHistogram latency = Latencies.histogram();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile String lastFailure;

    void sending(int items) {
        requests.incrementAndGet();
        messages.addAndGet(items);
    }

    void answered(long intendedMicros, int items, int acceptedItems) {
        latency.recordValue(Math.max(0, Micros.now() - intendedMicros));
        answered.incrementAndGet();
        accepted.addAndGet(acceptedItems);
        if (acceptedItems < items) {
            lastFailure = "rejected items";
        }
    }

    void failed(long intendedMicros, int items, Throwable error) {
        latency.recordValue(Math.max(0, Micros.now() - intendedMicros));
        answered.incrementAndGet();
        failures.incrementAndGet();
        lastFailure = error.toString();
    }

    long requests() {
        return requests.get();
    }

    long outstanding() {
        return requests.get() - answered.get();
    }

    long messages() {
        return messages.get();
    }

    long accepted() {
        return accepted.get();
    }

    /** The metrics of this measurement over {@code seconds} of publishing, prefixed {@code prefix}. */
    Map<String, Object> metrics(String prefix, double seconds) {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put(prefix + "requests", requests.get());
        metrics.put(prefix + "requests_per_s", Math.round(requests.get() / seconds));
        metrics.put(prefix + "messages", messages.get());
        metrics.put(prefix + "accepted", accepted.get());
        metrics.put(prefix + "accepted_per_s", Math.round(accepted.get() / seconds));
        metrics.put(prefix + "not_accepted", messages.get() - accepted.get());
        metrics.put(prefix + "transport_failures", failures.get());
        Latencies.put(metrics, prefix + "latency_", latency);
        return metrics;
    }

    String lastFailure() {
        return lastFailure;
    }
}
