package io.pushway.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scenario 1: end-to-end latency at fixed publish rates. {@code scale.subscribers} streams (spread over
 * the replicas), each its own recipient; single-message publishes at each rate of
 * {@code scale.latencyRates}, open loop, message i to subscriber {@code i % subscribers}.
 */
final class LatencyScenario implements Scenario {

    @Override
    public List<Result> run(Context context) {
        Scale scale = context.scale();
        List<Result> results = new ArrayList<>();
        try (Subscribers subscribers = Subscribers.open(context, context.tag("lat"), scale.subscribers(),
                context.target().deliveries(), "")) {
            for (int rate : scale.latencyRates()) {
                results.add(new Result("latency@" + rate + "/s", measure(context, subscribers, rate)));
            }
        }
        return results;
    }

    private static Map<String, Object> measure(Context context, Subscribers subscribers, int rate) {
        context.settle();
        Scale scale = context.scale();
        Tally tally = subscribers.measure(context.tag("lat" + rate));
        PublishStats stats = new PublishStats();
        List<String> subjects = subscribers.liveSubjects();
        Load.openLoop(rate, scale.latencyDuration(), (seq, intended) -> {
            String body = Payloads.toRecipient(subjects.get(seq % subjects.size()), tally.tag(), seq, intended);
            return context.publisher().single(body, seq, intended, stats);
        }, stats);
        tally.await(stats.acceptedSeqs(), 1, scale.drain());
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("rate_per_s", rate);
        metrics.put("seconds", scale.latencyDuration().toSeconds());
        subscribers.put(metrics);
        metrics.put("sent", stats.messages());
        tally.put(metrics, "", stats.acceptedSeqs(), 1);
        metrics.put("delivered_per_sent", ratio(tally.distinct(), stats.messages()));
        metrics.putAll(stats.metrics("publish_", scale.latencyDuration().toMillis() / 1000.0));
        context.putHeap(metrics);
        return metrics;
    }

    static double ratio(long part, long whole) {
        return whole == 0 ? 0 : Math.round(part * 10_000.0 / whole) / 10_000.0;
    }
}
