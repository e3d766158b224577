package io.pushway.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.observation.ObservationRegistry;
import io.pushway.model.Envelope;
import io.pushway.model.KafkaNames;
import io.pushway.model.MessageIds;
import io.pushway.model.Priority;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.mock.MockProducerFactory;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import tools.jackson.databind.node.IntNode;

/** A write's records go out in order, and the write ends with the last acknowledgement or the first failure. */
class KafkaEnvelopePublisherTests {

    private static final Instant NOW = Instant.parse("2026-11-29T06:00:00Z");

    private final List<Envelope> envelopes = IntStream.range(0, 3)
            .mapToObj(i -> Envelope.direct(MessageIds.next(), "user-" + i, IntNode.valueOf(i), Priority.NORMAL, NOW,
                    NOW.plusSeconds(60), "backend"))
            .toList();

    @Test
    void aWriteEndsOnlyWhenEveryRecordIsAcknowledged() {
        MockProducer<String, byte[]> producer = new MockProducer<>(false, null, new StringSerializer(),
                new ByteArraySerializer());
        CompletableFuture<Void> written = publisher(producer).publish(envelopes).toFuture();

        await().atMost(Duration.ofSeconds(5)).until(() -> producer.history().size() == 3);
        assertThat(producer.history()).extracting(ProducerRecord::topic).containsOnly(KafkaNames.MESSAGES);
        assertThat(producer.history()).extracting(ProducerRecord::key).containsExactly("user-0", "user-1", "user-2");
        producer.completeNext();
        producer.completeNext();
        // The answer is handed to another thread: a write that ended early would show within 200 ms.
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(1)).until(() -> !written.isDone());
        producer.completeNext();
        StepVerifier.create(Mono.fromFuture(written)).expectComplete().verify(Duration.ofSeconds(5));
    }

    @Test
    void theFirstFailureEndsTheWriteAndNothingAfterItIsSent() {
        // As KafkaProducer does when a topic's metadata does not arrive within max.block.ms: the
        // callback is told at once, and the send returns.
        List<ProducerRecord<String, byte[]>> attempted = new ArrayList<>();
        MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(),
                new ByteArraySerializer()) {
            @Override
            public synchronized Future<RecordMetadata> send(ProducerRecord<String, byte[]> record, Callback callback) {
                attempted.add(record);
                TimeoutException timeout = new TimeoutException("Topic not present in metadata after 1000 ms.");
                callback.onCompletion(null, timeout);
                return CompletableFuture.failedFuture(timeout);
            }
        };

        StepVerifier.create(publisher(producer).publish(envelopes))
                .expectError(TimeoutException.class).verify(Duration.ofSeconds(5));
        assertThat(attempted).hasSize(1);
    }

    private static KafkaEnvelopePublisher publisher(MockProducer<String, byte[]> producer) {
        return new KafkaEnvelopePublisher(new KafkaTemplate<>(new MockProducerFactory<>(() -> producer)),
                ObservationRegistry.NOOP);
    }
}
