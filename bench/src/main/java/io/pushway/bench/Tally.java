package io.pushway.bench;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;

/**
 * The deliveries of one measurement (one payload tag): distinct (subscriber, message id) pairs,
 * duplicates, and end-to-end latency from the payload's send time to the event's arrival.
 * Thread-safe: every stream's event loop records here.
 */
final class Tally {

    private final String tag;
    private final ConcurrentHashMap<String, Boolean> seen = new ConcurrentHashMap<>();
    private final ConcurrentHistogram latency;
    private final AtomicLong duplicates = new AtomicLong();
    private volatile long lastMicros;

    Tally(String tag) {
        this(tag, Latencies.histogram());
    }

    /** A tally that records its latencies into {@code latency} (shared by several tallies). */
    Tally(String tag, ConcurrentHistogram latency) {
        this.tag = tag;
        this.latency = latency;
    }

    String tag() {
        return tag;
    }

    void delivered(int subscriber, String messageId, long sentMicros, long receivedMicros) {
        if (seen.putIfAbsent(messageId + '/' + subscriber, Boolean.TRUE) != null) {
            duplicates.incrementAndGet();
            return;
        }
        latency.recordValue(Math.max(0, receivedMicros - sentMicros));
        lastMicros = Math.max(lastMicros, receivedMicros);
    }

    long distinct() {
        return seen.size();
    }

    /** The 99th percentile of the end-to-end latency so far, in µs. */
    long p99Micros() {
        return latency.getValueAtPercentile(99);
    }

    /** Epoch µs of the latest first delivery. */
    long lastMicros() {
        return lastMicros;
    }

    /** Waits until {@code expected} distinct deliveries arrived or {@code timeout} passed; true if they did. */
    boolean await(long expected, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (distinct() < expected && System.nanoTime() < deadline) {
            Micros.sleepUntil(Micros.now() + 5_000);
        }
        return distinct() >= expected;
    }

    /** delivered, duplicates, lost (of {@code expected}) and latency percentiles, prefixed {@code prefix}. */
    void put(Map<String, Object> metrics, String prefix, long expected) {
        metrics.put(prefix + "expected", expected);
        metrics.put(prefix + "delivered", distinct());
        metrics.put(prefix + "duplicates", duplicates.get());
        metrics.put(prefix + "lost", Math.max(0, expected - distinct()));
        Latencies.put(metrics, prefix + "e2e_", latency);
    }
}
