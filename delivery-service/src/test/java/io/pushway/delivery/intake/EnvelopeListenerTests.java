package io.pushway.delivery.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.pushway.delivery.inbox.Appended;
import io.pushway.delivery.inbox.EntryId;
import io.pushway.delivery.inbox.Feed;
import io.pushway.delivery.inbox.Inbox;
import io.pushway.delivery.inbox.InboxEvent;
import io.pushway.delivery.metrics.DeliveryMetrics;
import io.pushway.model.Envelope;
import io.pushway.model.JsonCodec;
import io.pushway.model.KafkaNames;
import io.pushway.model.MessageIds;
import io.pushway.web.ServiceUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** How one polled batch goes into the inboxes when some appends fail. */
class EnvelopeListenerTests {

    /** Appends fail for "broken"; the others take 50 ms, like a call under way when another fails. */
    private static final class FlakyInbox implements Inbox {
        final List<String> attempted = new CopyOnWriteArrayList<>();
        final List<String> completed = new CopyOnWriteArrayList<>();

        @Override
        public Mono<Appended> append(Envelope envelope) {
            attempted.add(envelope.recipient() + ":" + envelope.payload().get("n").asInt());
            if (envelope.recipient().equals("broken")) {
                return Mono.error(new ServiceUnavailableException("redis is unavailable; retry later", Duration.ofSeconds(5), null));
            }
            return Mono.delay(Duration.ofMillis(50))
                    .doOnNext(tick -> completed.add(envelope.recipient() + ":" + envelope.payload().get("n").asInt()))
                    .thenReturn(new Appended.Queued(EntryId.parse("1-0"), 0, 0));
        }

        @Override
        public Flux<InboxEvent> readAfter(Feed feed, EntryId after, int count) {
            return Flux.empty();
        }

        @Override
        public Mono<EntryId> trimmedUpTo(Feed feed) {
            return Mono.empty();
        }

        @Override
        public Mono<EntryId> newest(Feed feed) {
            return Mono.empty();
        }
    }

    private final FlakyInbox inbox = new FlakyInbox();
    private final EnvelopeListener listener = new EnvelopeListener(inbox,
            new DeliveryMetrics(new SimpleMeterRegistry(), Clock.systemUTC()), new RecordObservations(ObservationRegistry.NOOP));

    @Test
    void aFailingRecipientStopsAtItsFirstFailureWhileEveryOtherAppendFinishesBeforeTheBatchFails() {
        List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>();
        for (String recipient : List.of("broken", "alice", "bob")) {
            for (int n = 1; n <= 2; n++) {
                batch.add(record(recipient, n, batch.size()));
            }
        }

        assertThatThrownBy(() -> listener.onBatch(batch)).isInstanceOf(ServiceUnavailableException.class);

        // Every append that started also finished: a breaker's trial calls are not cancelled.
        assertThat(inbox.completed).containsExactlyInAnyOrder("alice:1", "alice:2", "bob:1", "bob:2");
        // A recipient's later records wait for its earlier ones: nothing after the failure was tried.
        assertThat(inbox.attempted).contains("broken:1").doesNotContain("broken:2");
    }

    private static ConsumerRecord<String, byte[]> record(String recipient, int n, long offset) {
        Instant now = Instant.now();
        Envelope envelope = Envelope.direct(MessageIds.next(), recipient, JsonCodec.mapper().readTree("{\"n\":" + n + "}"),
                null, now, now.plus(Duration.ofHours(1)), "publisher");
        return new ConsumerRecord<>(KafkaNames.MESSAGES, 0, offset, recipient, JsonCodec.encode(envelope));
    }
}
