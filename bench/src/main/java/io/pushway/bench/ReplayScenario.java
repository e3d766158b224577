package io.pushway.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scenario 6: reconnecting with a backlog. {@code scale.replayRecipients} recipients get
 * {@code scale.replayBacklog} messages each (batch API) while none of them has a stream open; once the
 * delivery intake has taken them all in, every recipient opens its stream (spread over the replicas) and
 * the scenario waits until each stream has brought its whole backlog. Measures the time from opening the
 * streams to the last delivery, the messages per second that makes, nothing lost or duplicated, and the
 * CPU each process spent per replayed message meanwhile (the replay itself and recording every message
 * {@code DELIVERED}). The end-to-end latencies it reports are the messages' ages when they arrived.
 */
final class ReplayScenario implements Scenario {

    private static final int BATCHES_IN_FLIGHT = 4;

    @Override
    public List<Result> run(Context context) {
        Scale scale = context.scale();
        String prefix = context.tag("replay");
        int recipients = scale.replayRecipients();
        int backlog = scale.replayBacklog();
        Map<String, Object> metrics = new LinkedHashMap<>();
        context.settle();
        Tally tally = new Tally(context.tag("replay-msg"));
        PublishStats stats = new PublishStats();
        long total = (long) recipients * backlog;
        // Message seq s goes to recipient s % recipients, so each batch spreads over the recipients.
        context.publisher().batches(total, BATCHES_IN_FLIGHT,
                seq -> Payloads.toRecipient(prefix + "-" + seq % recipients, tally.tag(), seq, Micros.now()), stats)
                .block(Duration.ofMinutes(10));
        metrics.put("recipients", recipients);
        metrics.put("backlog_per_recipient", backlog);
        metrics.put("sent", stats.messages());
        metrics.put("not_accepted", stats.messages() - stats.acceptedSeqs().size());
        context.settle(); // every accepted message is in its inbox

        CpuUse cpu = CpuUse.start(context.target().processes());
        long opening = Micros.now();
        try (Subscribers subscribers = Subscribers.open(context, prefix, recipients, context.target().deliveries(), "",
                tally)) {
            tally.await(stats.acceptedSeqs(), 1, scale.drain());
            long replayMicros = tally.lastMicros() - opening;
            cpu.put(metrics, tally.distinct());
            metrics.put("replay_ms", Micros.millis(replayMicros));
            if (replayMicros > 0) {
                metrics.put("replayed_per_s", Math.round(tally.distinct() * 1e6 / replayMicros));
            }
            tally.put(metrics, "", stats.acceptedSeqs(), 1);
            subscribers.put(metrics);
        }
        context.putHeap(metrics);
        return List.of(new Result("replay", metrics));
    }
}
