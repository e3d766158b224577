package io.pushway.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a scenario works with during one run: the target, the plan, the clients, and {@code runId},
 * which makes subjects, topics and payload tags unique to this run (a stream never replays an earlier
 * run's inbox, and late deliveries of an earlier measurement are not counted).
 */
record Context(Target target, Plan plan, Clients clients, Tokens tokens, Publisher publisher, ProcessProbe probe,
        ConsumerLag lag, String runId) {

    private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(3);

    Scale scale() {
        return plan.scale();
    }

    /** A tag (subject prefix, topic part, payload tag) unique to this run. */
    String tag(String what) {
        return runId + "-" + what;
    }

    /** Waits until the delivery group has consumed everything published so far. */
    void settle() {
        long lag = lag().awaitZero(SETTLE_TIMEOUT);
        if (lag != 0) {
            System.err.println("bench: consumer lag still " + lag + " after " + SETTLE_TIMEOUT + "; measuring anyway");
        }
    }

    /** The services whose readiness probe does not answer 200 now. */
    List<String> notReady() {
        List<String> down = new ArrayList<>();
        if (!probe.ready(target.ingestManagement())) {
            down.add("ingest");
        }
        for (int i = 0; i < target.deliveries().size(); i++) {
            if (!probe.ready(target.deliveries().get(i).management())) {
                down.add("delivery-" + (i + 1));
            }
        }
        return down;
    }

    /** Adds the heap in use (MB) of ingest and of every delivery replica. */
    void putHeap(Map<String, Object> metrics) {
        metrics.put("heap_mb_ingest", megabytes(probe.heapUsed(target.ingestManagement())));
        for (int i = 0; i < target.deliveries().size(); i++) {
            metrics.put("heap_mb_delivery-" + (i + 1), megabytes(probe.heapUsed(target.deliveries().get(i).management())));
        }
    }

    static double megabytes(long bytes) {
        return bytes < 0 ? -1 : Math.round(bytes / 104_857.6) / 10.0;
    }
}
