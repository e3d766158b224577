package io.pushway.bench;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;

/**
 * The deliveries of one measurement (one payload tag), by the payload's sequence number: distinct
 * (message, subscriber) pairs, duplicates, and end-to-end latency from the payload's send time to the
 * event's arrival. Lost is counted against the messages the publisher saw accepted, each expected at
 * {@code fanOut} subscribers; deliveries of messages whose publish did not come back accepted (a
 * client timeout that the server still took) are counted apart. Thread-safe: every stream's event loop
 * records here.
 */
final class Tally {

    static final int MAX_DRAIN_MINUTES = 5;

    private final String tag;
    private final Set<String> pairs = ConcurrentHashMap.newKeySet();
    private final Map<Long, AtomicInteger> subscribersBySeq = new ConcurrentHashMap<>();
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

    void delivered(int subscriber, long seq, long sentMicros, long receivedMicros) {
        if (!pairs.add(seq + "/" + subscriber)) {
            duplicates.incrementAndGet();
            return;
        }
        subscribersBySeq.computeIfAbsent(seq, s -> new AtomicInteger()).incrementAndGet();
        latency.recordValue(Math.max(0, receivedMicros - sentMicros));
        lastMicros = Math.max(lastMicros, receivedMicros);
    }

    long distinct() {
        return pairs.size();
    }

    /** Expected deliveries of the {@code accepted} messages (each at {@code fanOut} subscribers) still missing. */
    long missing(Set<Long> accepted, int fanOut) {
        long missing = 0;
        for (Long seq : accepted) {
            AtomicInteger got = subscribersBySeq.get(seq);
            missing += fanOut - (got == null ? 0 : Math.min(fanOut, got.get()));
        }
        return missing;
    }

    /** The 99th percentile of the end-to-end latency so far, in µs. */
    long p99Micros() {
        return latency.getValueAtPercentile(99);
    }

    /** Epoch µs of the latest first delivery. */
    long lastMicros() {
        return lastMicros;
    }

    /**
     * Waits until no delivery of {@code accepted} is missing, or none has arrived for {@code quiet}
     * (late is not lost: the wait goes on while deliveries keep coming, up to {@value #MAX_DRAIN_MINUTES}
     * minutes); true if none is missing.
     */
    boolean await(Set<Long> accepted, int fanOut, Duration quiet) {
        long giveUp = System.nanoTime() + Duration.ofMinutes(MAX_DRAIN_MINUTES).toNanos();
        long deadline = System.nanoTime() + quiet.toNanos();
        long seen = distinct();
        while (missing(accepted, fanOut) > 0 && System.nanoTime() < Math.min(deadline, giveUp)) {
            Micros.sleepUntil(Micros.now() + 20_000);
            if (distinct() > seen) {
                seen = distinct();
                deadline = System.nanoTime() + quiet.toNanos();
            }
        }
        return missing(accepted, fanOut) == 0;
    }

    /**
     * expected, delivered, delivered_unconfirmed, duplicates, lost and latency percentiles of the
     * {@code accepted} messages, each expected at {@code fanOut} subscribers, prefixed {@code prefix}.
     */
    void put(Map<String, Object> metrics, String prefix, Set<Long> accepted, int fanOut) {
        long lost = missing(accepted, fanOut);
        long expected = (long) accepted.size() * fanOut;
        metrics.put(prefix + "expected", expected);
        metrics.put(prefix + "delivered", expected - lost);
        metrics.put(prefix + "delivered_unconfirmed", subscribersBySeq.keySet().stream()
                .filter(seq -> !accepted.contains(seq)).mapToLong(seq -> subscribersBySeq.get(seq).get()).sum());
        metrics.put(prefix + "duplicates", duplicates.get());
        metrics.put(prefix + "lost", lost);
        Latencies.put(metrics, prefix + "e2e_", latency);
    }
}
