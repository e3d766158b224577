package io.pushway.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scenario 4: {@code scale.idleStreams} idle SSE streams on the first delivery replica. Memory per
 * stream = growth of the replica's resident memory (and of its heap in use), each measured after a full
 * GC, over the streams opened. Then the streams stay idle for {@code scale.idleHold}: every stream must
 * get at least ⌊hold / heartbeat⌋ heartbeats (counted over the streams live when the hold began). Then one message to each stream (batch API), which must
 * arrive exactly once.
 */
final class IdleStreamsScenario implements Scenario {


    @Override
    public List<Result> run(Context context) {
        Scale scale = context.scale();
        Target.Replica replica = context.target().deliveries().get(0);
        Map<String, Object> metrics = new LinkedHashMap<>();
        context.settle();
        ProcessProbe.gc(replica.pid());
        long rssBefore = ProcessProbe.rss(replica.pid());
        long heapBefore = context.probe().heapUsed(replica.management());
        long opening = System.nanoTime();
        try (Subscribers subscribers = Subscribers.open(context, context.tag("idle"), scale.idleStreams(),
                List.of(replica), "")) {
            metrics.put("open_seconds", Math.round((System.nanoTime() - opening) / 1e7) / 100.0);
            int open = subscribers.liveCount();
            metrics.put("gc_by_jcmd", ProcessProbe.gc(replica.pid()));
            putMemory(metrics, "rss", rssBefore, ProcessProbe.rss(replica.pid()), open);
            putMemory(metrics, "heap", heapBefore, context.probe().heapUsed(replica.management()), open);
            // A replica whose heap grew in earlier scenarios holds the streams in memory it already had:
            // its RSS hardly grows. What the streams take is then the heap's growth.
            if (metrics.get("rss_kb_per_stream") instanceof Double rss
                    && metrics.get("heap_kb_per_stream") instanceof Double heap) {
                metrics.put("memory_kb_per_stream", Math.max(rss, heap));
            }
            putHeartbeats(metrics, subscribers, scale.idleHold(), context.plan().heartbeat());
            metrics.put("rss_mb_after_hold", Context.megabytes(ProcessProbe.rss(replica.pid())));
            oneMessageEach(context, subscribers, metrics);
            subscribers.put(metrics);
        }
        context.putHeap(metrics);
        return List.of(new Result("idle-streams", metrics));
    }

    private static void putMemory(Map<String, Object> metrics, String what, long before, long after, int streams) {
        metrics.put(what + "_mb_before", Context.megabytes(before));
        metrics.put(what + "_mb_with_streams", Context.megabytes(after));
        if (before >= 0 && after >= 0 && streams > 0) {
            metrics.put(what + "_kb_per_stream", Math.round((after - before) / 102.4 / streams) / 10.0);
        }
    }

    private static void putHeartbeats(Map<String, Object> metrics, Subscribers subscribers, Duration hold,
            Duration heartbeat) {
        int[] before = subscribers.heartbeats();
        Micros.sleepUntil(Micros.now() + hold.toNanos() / 1_000);
        int[] after = subscribers.heartbeats();
        long expected = hold.toMillis() / heartbeat.toMillis();
        // Streams live through the whole window; one that dropped counts as missing its heartbeats.
        int[] got = java.util.stream.IntStream.range(0, before.length).filter(i -> before[i] >= 0)
                .map(i -> after[i] < 0 ? 0 : after[i] - before[i]).toArray();
        metrics.put("hold_seconds", hold.toSeconds());
        metrics.put("heartbeats_expected_per_stream", expected);
        metrics.put("heartbeats_min_per_stream", Arrays.stream(got).min().orElse(0));
        metrics.put("heartbeats_max_per_stream", Arrays.stream(got).max().orElse(0));
        metrics.put("streams_missing_heartbeats", Arrays.stream(got).filter(n -> n < expected).count());
    }

    private static void oneMessageEach(Context context, Subscribers subscribers, Map<String, Object> metrics) {
        Tally tally = subscribers.measure(context.tag("idle-msg"));
        PublishStats stats = new PublishStats();
        List<String> subjects = subscribers.liveSubjects();
        long start = Micros.now();
        context.publisher().batches(subjects.size(), 1,
                i -> Payloads.toRecipient(subjects.get((int) i), tally.tag(), i, Micros.now()), stats)
                .block(Duration.ofMinutes(5));
        tally.await(stats.acceptedSeqs(), 1, context.scale().drain());
        metrics.put("sent", stats.messages());
        metrics.put("not_accepted", stats.messages() - stats.acceptedSeqs().size());
        tally.put(metrics, "", stats.acceptedSeqs(), 1);
        metrics.put("last_delivery_ms", Micros.millis(tally.lastMicros() - start));
    }
}
