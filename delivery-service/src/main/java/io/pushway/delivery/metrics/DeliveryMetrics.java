package io.pushway.delivery.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.pushway.delivery.inbox.Appended;
import io.pushway.delivery.status.Acknowledgement;
import io.pushway.model.MessageIds;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * What the delivery service counts:
 * <ul>
 * <li>{@code pushway.intake{result=queued|duplicate|expired}}: Kafka records appended, or not;
 * <li>{@code pushway.inbox.backlog}: entries in a recipient's inbox after each append (how much waits
 *     for offline or slow recipients), with buckets from 1 to 10,000;
 * <li>{@code pushway.inbox.expired}: queued messages found expired at an inbox head (counted late,
 *     when the next append sweeps the head; a lower bound);
 * <li>{@code pushway.dead.letters}: records sent to the dead-letter topic;
 * <li>{@code pushway.delivered}: events handed to a stream (a topic message once per stream);
 * <li>{@code pushway.delivery.latency}: from publish (the time in the message id) to being handed to
 *     a stream, with SLO buckets from 50 ms to 10 s;
 * <li>{@code pushway.streams.active{transport=sse|ws}}: open streams on this replica;
 * <li>{@code pushway.acks{result}}: acknowledgements by outcome.
 * </ul>
 */
@Component
public class DeliveryMetrics {

    /** The transports whose open streams are counted. */
    public enum Transport { SSE, WS }

    private final MeterRegistry registry;
    private final Clock clock;
    private final Counter delivered;
    private final Counter deadLetters;
    private final Timer latency;
    private final DistributionSummary backlog;
    private final Counter expired;
    private final Map<Transport, AtomicInteger> streams = Map.of(Transport.SSE, new AtomicInteger(),
            Transport.WS, new AtomicInteger());

    public DeliveryMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
        delivered = Counter.builder("pushway.delivered").description("Events handed to a stream").register(registry);
        deadLetters = Counter.builder("pushway.dead.letters").description("Records sent to the dead-letter topic")
                .register(registry);
        latency = Timer.builder("pushway.delivery.latency")
                .description("From publish to being handed to a stream")
                .serviceLevelObjectives(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
                        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
                        Duration.ofSeconds(10))
                .register(registry);
        backlog = DistributionSummary.builder("pushway.inbox.backlog").baseUnit("messages")
                .description("Entries in a recipient's inbox after an append")
                .serviceLevelObjectives(1, 10, 100, 1_000, 10_000)
                .register(registry);
        expired = Counter.builder("pushway.inbox.expired").description("Queued messages that expired in an inbox")
                .register(registry);
        streams.forEach((transport, open) -> Gauge.builder("pushway.streams.active", open, AtomicInteger::get)
                .description("Open streams on this replica").tag("transport", transport.name().toLowerCase(Locale.ROOT))
                .register(registry));
    }

    /** An event of message {@code messageId} was handed to a stream. */
    public void delivered(String messageId) {
        delivered.increment();
        if (MessageIds.isValid(messageId)) {
            latency.record(Duration.between(MessageIds.createdAt(messageId), clock.instant()));
        }
    }

    /** A record was appended ({@code queued}), was a redelivery ({@code duplicate}) or had {@code expired}. */
    public void intake(Appended result) {
        registry.counter("pushway.intake", "result", name(result)).increment();
        if (result instanceof Appended.Queued queued && queued.backlog() > 0) {
            backlog.record(queued.backlog());
        }
        expired.increment(result.swept());
    }

    /** A record went to the dead-letter topic. */
    public void deadLettered() {
        deadLetters.increment();
    }

    /** An acknowledgement's outcome: {@code acknowledged}, {@code unknown} or {@code final}. */
    public void acknowledged(Acknowledgement result) {
        registry.counter("pushway.acks", "result", name(result)).increment();
    }

    /** The outcome's tag value: its type's name, e.g. {@code Queued} becomes {@code queued}. */
    private static String name(Object outcome) {
        return outcome.getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }

    /** A stream on {@code transport} opened; call {@link #streamClosed} when it ends. */
    public void streamOpened(Transport transport) {
        streams.get(transport).incrementAndGet();
    }

    /** A stream on {@code transport} ended. */
    public void streamClosed(Transport transport) {
        streams.get(transport).decrementAndGet();
    }
}
