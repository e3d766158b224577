package io.pushway.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scenario 3: publish throughput, acknowledged by ingest (202: written to Kafka). Single messages one
 * at a time (the answer time of a publish that waits for nothing else), single messages with
 * {@code scale.publishConcurrency} requests in flight (the maximum), the same without a token (what
 * refusing a request costs: each is answered 401), single messages open loop at
 * {@code scale.publishRate} (latency at that rate), and batches of 500 with {@code scale.batchConcurrency}
 * in flight. Every message goes to one topic nobody subscribes to, so delivery has little to do.
 */
final class PublishScenario implements Scenario {

    private static final int BATCH = 500;
    private static final String TOPIC = "bench.sink";

    @Override
    public List<Result> run(Context context) {
        Scale scale = context.scale();
        Duration duration = scale.publishDuration();
        List<Result> results = new ArrayList<>();

        Publisher publisher = context.publisher();
        results.add(singles(context, publisher, "publish-single-sequential", "pub-seq", 1));
        results.add(singles(context, publisher, "publish-single", "pub", scale.publishConcurrency()));
        results.add(singles(context, publisher.withoutToken(), "publish-refused", "pub-401",
                scale.publishConcurrency()));

        context.settle();
        PublishStats paced = new PublishStats();
        String pacedTag = context.tag("pub-rate");
        Load.openLoop(scale.publishRate(), duration, (seq, intended) -> {
            return context.publisher().single(Payloads.toTopic(TOPIC, pacedTag, seq, intended), seq, intended, paced);
        }, paced);
        results.add(result(context, "publish-single@" + scale.publishRate() + "/s",
                paced.metrics("", duration.toMillis() / 1000.0), "rate_per_s", scale.publishRate()));

        context.settle();
        PublishStats batches = new PublishStats();
        String batchTag = context.tag("pub-batch");
        double seconds = Load.closedLoop(scale.batchConcurrency(), duration, seq -> {
            long now = Micros.now();
            List<String> messages = new ArrayList<>(BATCH);
            for (int k = 0; k < BATCH; k++) {
                messages.add(Payloads.toTopic(TOPIC, batchTag, (long) seq * BATCH + k, now));
            }
            return context.publisher().batch(Payloads.batch(messages), (long) seq * BATCH, BATCH, now, batches);
        });
        results.add(result(context, "publish-batch", batches.metrics("", seconds), "concurrency",
                scale.batchConcurrency()));
        return results;
    }

    /**
     * Single messages, closed loop with {@code concurrency} requests in flight, for the publish duration,
     * with the CPU each process used per request ({@code cpu_us_per_msg_ingest}: what a publish, or a
     * refusal, costs ingest).
     */
    private static Result singles(Context context, Publisher publisher, String name, String tagPrefix,
            int concurrency) {
        context.settle();
        PublishStats stats = new PublishStats();
        String tag = context.tag(tagPrefix);
        CpuUse cpu = CpuUse.start(context.target().processes());
        double seconds = Load.closedLoop(concurrency, context.scale().publishDuration(), seq -> {
            long now = Micros.now();
            return publisher.single(Payloads.toTopic(TOPIC, tag, seq, now), seq, now, stats);
        });
        Map<String, Object> measured = stats.metrics("", seconds);
        cpu.put(measured, (long) measured.get("requests"));
        return result(context, name, measured, "concurrency", concurrency);
    }

    private static Result result(Context context, String name, Map<String, Object> measured, String setting,
            int value) {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put(setting, value);
        metrics.putAll(measured);
        context.putHeap(metrics);
        return new Result(name, metrics);
    }
}
