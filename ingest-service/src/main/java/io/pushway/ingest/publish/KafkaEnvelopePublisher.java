package io.pushway.ingest.publish;

import io.pushway.model.Envelope;
import io.pushway.model.JsonCodec;
import io.pushway.model.KafkaNames;
import io.pushway.web.TraceIds;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@link EnvelopePublisher} on Kafka: one record per envelope on {@link KafkaNames#MESSAGES}, keyed by
 * recipient, with an idempotent {@code acks=all} producer. {@code send} may block (metadata,
 * full buffer, at most {@code max.block.ms}), so it runs off the event loop.
 */
@Component
class KafkaEnvelopePublisher implements EnvelopePublisher {

    private final KafkaTemplate<String, byte[]> kafka;

    KafkaEnvelopePublisher(KafkaTemplate<String, byte[]> kafka) {
        this.kafka = kafka;
    }

    @Override
    public Mono<Void> publish(List<Envelope> envelopes) {
        // Sent in the request's trace: the producer's observation writes it into each record's traceparent.
        return Mono.deferContextual(context -> Mono.fromFuture(() -> TraceIds.inScope(context,
                        () -> CompletableFuture.allOf(envelopes.stream()
                                .map(e -> kafka.send(record(e)))
                                .toArray(CompletableFuture[]::new)))))
                .subscribeOn(Schedulers.boundedElastic())
                // The future completes on the producer's single I/O thread: everything after the ack
                // (answer, access log, metrics, trace) must not run there, or it throttles every send.
                .publishOn(Schedulers.parallel());
    }

    private static ProducerRecord<String, byte[]> record(Envelope envelope) {
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(KafkaNames.MESSAGES, envelope.routingKey(), JsonCodec.encode(envelope));
        record.headers().add(KafkaNames.HEADER_MESSAGE_ID, envelope.id().getBytes(StandardCharsets.UTF_8));
        return record;
    }
}
