package io.pushway.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.ConcurrentHistogram;

/**
 * Scenario 5: fan-out. {@code scale.fanOutStreams} streams (spread over the replicas) subscribe to one
 * topic; after {@value #WARM_UP} unrecorded fan-outs and once the replicas are quiet again (CPU below
 * {@value #QUIET_CORES} cores over a second, at most 20 s), {@code scale.fanOutMessages} topic messages
 * are published one after another, each once the previous one reached every stream (or the drain time
 * passed). Measures the time from the send to the last stream's delivery of each message, and the
 * end-to-end latency of every delivery; then holds the streams idle for {@code scale.fanOutHold} and
 * measures the CPU each process uses meanwhile.
 */
final class FanOutScenario implements Scenario {

    /** The replicas count as quiet below this CPU use together (heartbeats of the open streams cost ~0.1). */
    private static final double QUIET_CORES = 0.3;
    private static final Duration QUIET_TIMEOUT = Duration.ofSeconds(20);
    /** Unrecorded fan-outs before the measured ones. */
    private static final int WARM_UP = 3;

    @Override
    public List<Result> run(Context context) {
        Scale scale = context.scale();
        String topic = "bench.fanout." + context.runId();
        ConcurrentHistogram latency = Latencies.histogram();
        List<Double> lastDelivery = new ArrayList<>();
        Map<String, Object> metrics = new LinkedHashMap<>();
        long delivered = 0;
        long lost = 0;
        long duplicates = 0;
        long unconfirmed = 0;
        context.settle();
        try (Subscribers subscribers = Subscribers.open(context, context.tag("fan"), scale.fanOutStreams(),
                context.target().deliveries(), "?topics=" + topic)) {
            int expected = subscribers.liveCount();
            // Steady state: a fan-out reaches subscribers that are connected, by code the JIT has compiled for
            // it. So first WARM_UP unrecorded fan-outs, then wait until the replicas are done with the
            // handshakes, token checks, compilations and GC work that opening 10,000 streams left.
            List<Long> replicas = context.target().deliveries().stream().map(Target.Replica::pid).toList();
            for (int i = 0; i < WARM_UP; i++) {
                fanOut(context, subscribers, topic, "fanw" + i, i, Latencies.histogram(), expected, Micros.now(),
                        new PublishStats());
            }
            metrics.put("quiet_wait_s",
                    ProcessProbe.awaitQuiet(replicas, QUIET_CORES, Duration.ofSeconds(1), QUIET_TIMEOUT));
            for (int i = 0; i < scale.fanOutMessages(); i++) {
                long sent = Micros.now();
                PublishStats stats = new PublishStats();
                Tally tally = fanOut(context, subscribers, topic, "fan" + i, i, latency, expected, sent, stats);
                boolean accepted = !stats.acceptedSeqs().isEmpty();
                lastDelivery.add(Micros.millis(tally.lastMicros() - sent));
                Map<String, Object> one = new LinkedHashMap<>();
                tally.put(one, "", stats.acceptedSeqs(), expected);
                delivered += (long) one.get("delivered");
                lost += (long) one.get("lost") + (accepted ? 0 : expected);
                duplicates += (long) one.get("duplicates");
                unconfirmed += (long) one.get("delivered_unconfirmed");
            }
            putHold(context, metrics);
            subscribers.put(metrics);
        }
        metrics.put("messages", scale.fanOutMessages());
        metrics.put("last_delivery_ms_median", Report.median(lastDelivery));
        metrics.put("last_delivery_ms_max", lastDelivery.stream().mapToDouble(Double::doubleValue).max().orElse(-1));
        metrics.put("delivered", delivered);
        metrics.put("lost", lost);
        metrics.put("delivered_unconfirmed", unconfirmed);
        metrics.put("duplicates", duplicates);
        Latencies.put(metrics, "e2e_", latency);
        context.putHeap(metrics);
        return List.of(new Result("fan-out", metrics));
    }

    /**
     * Holds the streams idle for {@code scale.fanOutHold} and puts the CPU each process used per second
     * ({@code hold_cpu_ms_per_s}): heartbeats, and the periodic resync re-reads of the topic.
     */
    private static void putHold(Context context, Map<String, Object> metrics) {
        CpuUse cpu = CpuUse.start(context.target().processes());
        long start = System.nanoTime();
        Micros.sleepUntil(Micros.now() + context.scale().fanOutHold().toNanos() / 1_000);
        cpu.putPerSecond(metrics, "hold_cpu_ms_per_s", Duration.ofNanos(System.nanoTime() - start));
    }

    /** Publishes one message to {@code topic} and waits until every stream has it (or the drain time passed). */
    private static Tally fanOut(Context context, Subscribers subscribers, String topic, String tag, int seq,
            ConcurrentHistogram latency, int expected, long sent, PublishStats stats) {
        Tally tally = subscribers.measure(context.tag(tag), latency);
        context.publisher().single(Payloads.toTopic(topic, tally.tag(), seq, sent), seq, sent, stats).block();
        tally.await(stats.acceptedSeqs(), expected, context.scale().drain());
        return tally;
    }
}
