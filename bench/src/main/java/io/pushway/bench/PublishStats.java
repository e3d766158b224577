package io.pushway.bench;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;

/**
 * Counts and latencies of one publishing measurement: requests, messages, the sequence numbers of the
 * messages accepted (202), answers by HTTP status (per item for batches), transport failures (no answer
 * within 30 s, connection errors, no connection within 60 s), requests still unanswered when the
 * metrics are taken, and latency from the intended send time to the answer. Thread-safe.
 */
final class PublishStats {

    private final ConcurrentHistogram latency = Latencies.histogram();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong messages = new AtomicLong();
    private final Set<Long> accepted = ConcurrentHashMap.newKeySet();
    private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    private final AtomicLong failures = new AtomicLong();
    private volatile String lastFailure;
    private volatile long firstSendMicros;
    private volatile long lastAnswerMicros;

    void sending(int items) {
        if (requests.getAndIncrement() == 0) {
            firstSendMicros = Micros.now();
        }
        messages.addAndGet(items);
    }

    void status(int status, int items) {
        statuses.computeIfAbsent(status, s -> new LongAdder()).add(items);
    }

    void accepted(long seq) {
        accepted.add(seq);
    }

    void answered(long intendedMicros) {
        long now = Micros.now();
        latency.recordValue(Math.max(0, now - intendedMicros));
        lastAnswerMicros = Math.max(lastAnswerMicros, now);
        answered.incrementAndGet();
    }

    void failed(long intendedMicros, int items, Throwable error) {
        answered(intendedMicros);
        failures.addAndGet(items);
        lastFailure = error.toString();
    }

    long outstanding() {
        return requests.get() - answered.get();
    }

    long messages() {
        return messages.get();
    }

    /** The sequence numbers of the messages accepted so far (a live view). */
    Set<Long> acceptedSeqs() {
        return accepted;
    }

    /**
     * The metrics of this measurement, prefixed {@code prefix}; rates are over {@code seconds} of
     * publishing or, if longer, the time from the first send to the last answer (an open loop whose
     * answers come late is not credited with its offered rate).
     */
    Map<String, Object> metrics(String prefix, double publishing) {
        double seconds = Math.max(publishing, (lastAnswerMicros - firstSendMicros) / 1e6);
        Map<String, Object> metrics = new java.util.LinkedHashMap<>();
        metrics.put(prefix + "answered_within_s", Math.round(seconds * 10) / 10.0);
        metrics.put(prefix + "requests", requests.get());
        metrics.put(prefix + "requests_per_s", Math.round(requests.get() / seconds));
        metrics.put(prefix + "messages", messages.get());
        metrics.put(prefix + "accepted", (long) accepted.size());
        metrics.put(prefix + "accepted_per_s", Math.round(accepted.size() / seconds));
        metrics.put(prefix + "not_accepted", messages.get() - accepted.size());
        metrics.put(prefix + "unanswered_requests", outstanding());
        new TreeMap<>(statuses).forEach((status, count) -> {
            if (status != 202) {
                metrics.put(prefix + "status_" + status, count.sum());
            }
        });
        metrics.put(prefix + "transport_failures", failures.get());
        if (lastFailure != null) {
            metrics.put(prefix + "last_transport_failure", lastFailure);
        }
        Latencies.put(metrics, prefix + "latency_", latency);
        return metrics;
    }
}
