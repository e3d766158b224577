package io.pushway.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.ConcurrentHistogram;

/**
 * Scenario 5: fan-out. {@code scale.fanOutStreams} streams (spread over the replicas) subscribe to one
 * topic; {@code scale.fanOutMessages} topic messages are published one after another, each once the
 * previous one reached every stream (or the drain time passed). Measures the time from the send to the
 * last stream's delivery of each message, and the end-to-end latency of every delivery.
 */
final class FanOutScenario implements Scenario {

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
            for (int i = 0; i < scale.fanOutMessages(); i++) {
                Tally tally = subscribers.measure(context.tag("fan" + i), latency);
                PublishStats stats = new PublishStats();
                long sent = Micros.now();
                context.publisher().single(Payloads.toTopic(topic, tally.tag(), i, sent), i, sent, stats).block();
                boolean accepted = !stats.acceptedSeqs().isEmpty();
                tally.await(stats.acceptedSeqs(), expected, scale.drain());
                lastDelivery.add(Micros.millis(tally.lastMicros() - sent));
                Map<String, Object> one = new LinkedHashMap<>();
                tally.put(one, "", stats.acceptedSeqs(), expected);
                delivered += (long) one.get("delivered");
                lost += (long) one.get("lost") + (accepted ? 0 : expected);
                duplicates += (long) one.get("duplicates");
                unconfirmed += (long) one.get("delivered_unconfirmed");
            }
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
}
