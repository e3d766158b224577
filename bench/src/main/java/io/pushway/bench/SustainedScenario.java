package io.pushway.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scenario 2: the highest delivered rate held for {@code scale.sustainedDuration} with zero loss,
 * publishing through the batch API (batches of {@code scale.batchSize}, open loop) to
 * {@code scale.subscribers} streams. A ladder: start at {@code sustainedStartRate}, double while steps
 * pass, then bisect between the last pass and the first failure. A step passes when every message was
 * accepted and delivered (none lost within the drain time) and the system kept up: end-to-end p99 at most
 * {@value #KEPT_UP_P99_MS} ms (a system that falls behind builds a backlog that grows through the step,
 * and with it the latency). {@code delivered_per_s} is deliveries over the time from the first send to
 * the last delivery. The other metrics are those of the fastest step that passed (of the first step
 * when none did), and each step measures the CPU a delivered message cost ({@link CpuUse}); the first
 * step's, at the same rate in every run, are also reported as {@code start_rate_cpu_us_per_msg*}.
 */
final class SustainedScenario implements Scenario {

    static final long KEPT_UP_P99_MS = 1000;

    @Override
    public List<Result> run(Context context) {
        Scale scale = context.scale();
        Map<String, Object> best = null;
        List<String> ladder = new ArrayList<>();
        int passed = 0;
        int failed = 0;
        Map<String, Object> startRate = new LinkedHashMap<>();
        try (Subscribers subscribers = Subscribers.open(context, context.tag("sus"), scale.subscribers(),
                context.target().deliveries(), "")) {
            int rate = scale.sustainedStartRate();
            for (int step = 0; step < scale.sustainedSteps() && rate > passed; step++) {
                Map<String, Object> metrics = step(context, subscribers, rate);
                if (step == 0) {
                    startRate.put("start_rate", rate);
                    metrics.forEach((key, value) -> {
                        if (key.startsWith("cpu_us_per_msg")) {
                            startRate.put("start_rate_" + key, value);
                        }
                    });
                }
                boolean pass = Boolean.TRUE.equals(metrics.remove("pass"));
                ladder.add(rate + (pass ? ":pass" : ":fail"));
                if (pass || best == null) {
                    best = metrics;
                }
                if (pass) {
                    passed = rate;
                } else {
                    failed = rate;
                }
                rate = failed == 0 ? rate * 2 : (passed + failed) / 2;
                if (failed != 0 && failed - passed <= scale.sustainedStartRate() / 2) {
                    break;
                }
            }
        }
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("max_zero_loss_delivered_per_s", passed);
        metrics.put("ladder", String.join(" ", ladder));
        if (best != null) {
            metrics.putAll(best);
        }
        metrics.putAll(startRate);
        return List.of(new Result("sustained", metrics));
    }

    private static Map<String, Object> step(Context context, Subscribers subscribers, int rate) {
        context.settle();
        Scale scale = context.scale();
        Tally tally = subscribers.measure(context.tag("sus" + rate));
        PublishStats stats = new PublishStats();
        List<String> subjects = subscribers.liveSubjects();
        int batch = scale.batchSize();
        long start = Micros.now();
        CpuUse cpu = CpuUse.start(context.target().processes());
        Load.openLoop((double) rate / batch, scale.sustainedDuration(), (seq, intended) -> {
            List<String> messages = new ArrayList<>(batch);
            for (int k = 0; k < batch; k++) {
                long n = (long) seq * batch + k;
                messages.add(Payloads.toRecipient(subjects.get((int) (n % subjects.size())), tally.tag(), n, intended));
            }
            return context.publisher().batch(Payloads.batch(messages), (long) seq * batch, batch, intended, stats);
        }, stats);
        boolean allDelivered = tally.await(stats.acceptedSeqs(), 1, scale.drain());
        double seconds = Math.max(1e-3, (tally.lastMicros() - start) / 1e6);
        double delivered = tally.distinct() / seconds;
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("pass", allDelivered && stats.acceptedSeqs().size() == stats.messages()
                && tally.p99Micros() <= KEPT_UP_P99_MS * 1000);
        metrics.put("offered_per_s", rate);
        metrics.put("delivered_per_s", Math.round(delivered));
        metrics.put("sent", stats.messages());
        tally.put(metrics, "", stats.acceptedSeqs(), 1);
        subscribers.put(metrics);
        metrics.putAll(stats.metrics("publish_", scale.sustainedDuration().toMillis() / 1000.0));
        cpu.put(metrics, tally.distinct());
        context.putHeap(metrics);
        System.err.printf("bench: sustained %d/s -> delivered %.0f/s, lost %s%n", rate, delivered, metrics.get("lost"));
        return metrics;
    }
}
