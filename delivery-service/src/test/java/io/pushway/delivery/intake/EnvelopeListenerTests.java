package io.pushway.delivery.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
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
import org.springframework.kafka.support.micrometer.KafkaRecordReceiverContext;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** How one polled batch goes into the inboxes: in waves, and what a failed wave does. */
class EnvelopeListenerTests {

    /** Records each wave it is given as "recipient:n"; a wave with a record for "broken" fails. */
    private static final class WaveInbox implements Inbox {
        final List<List<String>> waves = new CopyOnWriteArrayList<>();
        final List<Observation> parents = new CopyOnWriteArrayList<>();

        @Override
        public Mono<List<Appended>> append(List<Append> appends) {
            List<String> wave = appends.stream()
                    .map(append -> append.envelope().recipient() + ":" + append.envelope().payload().get("n").asInt())
                    .toList();
            waves.add(wave);
            appends.forEach(append -> parents.add(append.parent()));
            if (wave.stream().anyMatch(record -> record.startsWith("broken:"))) {
                return Mono.error(new ServiceUnavailableException("redis is unavailable; retry later", Duration.ofSeconds(5), null));
            }
            return Mono.just(appends.stream().<Appended>map(append -> new Appended.Queued(EntryId.parse("1-0"), 1, 0)).toList());
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

    private final WaveInbox inbox = new WaveInbox();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ObservationRegistry observations = ObservationRegistry.create();
    private final EnvelopeListener listener = new EnvelopeListener(inbox,
            new DeliveryMetrics(meters, Clock.systemUTC()), new RecordObservations(observations));

    EnvelopeListenerTests() {
        observations.observationConfig().observationHandler(context -> true);
    }

    @Test
    void eachWaveHoldsTheNextRecordOfEveryRecipientInBatchOrder() {
        listener.onBatch(batch("alice:1", "alice:2", "bob:1", "alice:3", "carol:1", "bob:2"));

        assertThat(inbox.waves).containsExactly(List.of("alice:1", "bob:1", "carol:1"), List.of("alice:2", "bob:2"),
                List.of("alice:3"));
        assertThat(meters.counter("pushway.intake", "result", "queued").count()).isEqualTo(6);
        // Each append is traced under its own record's observation.
        assertThat(inbox.parents.stream()
                .map(parent -> (String) ((KafkaRecordReceiverContext) parent.getContext()).getRecord().key()))
                .containsExactly("alice", "bob", "carol", "alice", "bob", "alice");
    }

    @Test
    void aFailedWaveFailsTheBatchBeforeAnyLaterRecordIsTried() {
        assertThatThrownBy(() -> listener.onBatch(batch("alice:1", "broken:1", "alice:2", "broken:2")))
                .isInstanceOf(ServiceUnavailableException.class);

        // A recipient's later records wait for its earlier ones, and the batch is retried whole.
        assertThat(inbox.waves).containsExactly(List.of("alice:1", "broken:1"));
        assertThat(meters.find("pushway.intake").counters().stream().mapToDouble(Counter::count).sum()).isZero();
    }

    /** Records "recipient:n", in order, each holding {"n": n}. */
    private static List<ConsumerRecord<String, byte[]>> batch(String... records) {
        List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>();
        for (String record : records) {
            String[] parts = record.split(":");
            batch.add(record(parts[0], Integer.parseInt(parts[1]), batch.size()));
        }
        return batch;
    }

    private static ConsumerRecord<String, byte[]> record(String recipient, int n, long offset) {
        Instant now = Instant.now();
        Envelope envelope = Envelope.direct(MessageIds.next(), recipient, JsonCodec.mapper().readTree("{\"n\":" + n + "}"),
                null, now, now.plus(Duration.ofHours(1)), "publisher");
        return new ConsumerRecord<>(KafkaNames.MESSAGES, 0, offset, recipient, JsonCodec.encode(envelope));
    }
}
