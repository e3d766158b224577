package io.pushway.ingest.publish;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.SenderContext;
import io.pushway.model.Envelope;
import io.pushway.model.JsonCodec;
import io.pushway.model.KafkaNames;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@link EnvelopePublisher} on Kafka: one record per envelope on {@link KafkaNames#MESSAGES}, keyed by
 * recipient, with an idempotent {@code acks=all} producer. {@code send} may block (metadata,
 * full buffer, at most {@code max.block.ms}), so it runs off the event loop.
 *
 * <p>One observation per write, not per record: {@value #OBSERVATION} (span {@code push.messages.v1 send}),
 * a child of the request's, from the first send to the last acknowledgement. Its W3C trace context goes
 * into every record's {@code traceparent} header, where the delivery intake continues it. The records go
 * straight to the template's producer: the template would observe each record on its own (for a batch of
 * 500, a tenth of ingest's CPU; docs/performance.md, eighteenth session).
 */
@Component
class KafkaEnvelopePublisher implements EnvelopePublisher {

    /** The observation of one write: its timer is {@code pushway_publish_send_seconds}. */
    static final String OBSERVATION = "pushway.publish.send";

    private final KafkaTemplate<String, byte[]> kafka;
    private final ObservationRegistry observations;

    KafkaEnvelopePublisher(KafkaTemplate<String, byte[]> kafka, ObservationRegistry observations) {
        this.kafka = kafka;
        this.observations = observations;
    }

    @Override
    public Mono<Void> publish(List<Envelope> envelopes) {
        return Mono.deferContextual(context -> Mono.fromFuture(() ->
                        send(envelopes, context.getOrDefault(ObservationThreadLocalAccessor.KEY, null))))
                .subscribeOn(Schedulers.boundedElastic())
                // The future completes on the producer's single I/O thread: everything after the ack
                // (answer, access log, metrics, trace) must not run there, or it throttles every send.
                .publishOn(Schedulers.parallel());
    }

    /**
     * Sends the records in list order; the future completes when all are acknowledged, or fails with
     * the first failure.
     */
    private CompletableFuture<Void> send(List<Envelope> envelopes, Observation request) {
        List<ProducerRecord<String, byte[]>> records = envelopes.stream().map(KafkaEnvelopePublisher::record).toList();
        Observation observation = observation(records, request).start();
        CompletableFuture<Void> sent = new CompletableFuture<>();
        AtomicInteger pending = new AtomicInteger(records.size());
        Callback acknowledged = (metadata, failure) -> {
            if (failure != null) {
                sent.completeExceptionally(failure);
            } else if (pending.decrementAndGet() == 0) {
                sent.complete(null);
            }
        };
        try {
            kafka.execute(producer -> {
                // After a failure the write is lost anyway: the rest are not sent (each could block for
                // max.block.ms on a broker that is gone).
                for (int i = 0; i < records.size() && !sent.isDone(); i++) {
                    producer.send(records.get(i), acknowledged);
                }
                return null;
            });
        } catch (RuntimeException e) {
            sent.completeExceptionally(e);
        }
        if (records.isEmpty()) {
            sent.complete(null);
        }
        return sent.whenComplete((done, failure) -> {
            if (failure != null) {
                observation.error(failure);
            }
            observation.stop();
        });
    }

    /** The write's observation; starting it writes its trace context into every record's headers. */
    private Observation observation(List<ProducerRecord<String, byte[]>> records, Observation request) {
        SenderContext<List<ProducerRecord<String, byte[]>>> context = new SenderContext<>((carrier, key, value) -> {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            carrier.forEach(record -> record.headers().remove(key).add(key, bytes));
        }, Kind.PRODUCER);
        context.setCarrier(records);
        context.setRemoteServiceName("Apache Kafka");
        return Observation.createNotStarted(OBSERVATION, () -> context, observations)
                .contextualName(KafkaNames.MESSAGES + " send")
                .parentObservation(request)
                .lowCardinalityKeyValue("messaging.system", "kafka")
                .lowCardinalityKeyValue("messaging.operation", "publish")
                .lowCardinalityKeyValue("messaging.destination.name", KafkaNames.MESSAGES)
                .highCardinalityKeyValue("messaging.batch.message_count", String.valueOf(records.size()));
    }

    private static ProducerRecord<String, byte[]> record(Envelope envelope) {
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(KafkaNames.MESSAGES, envelope.routingKey(), JsonCodec.encode(envelope));
        record.headers().add(KafkaNames.HEADER_MESSAGE_ID, envelope.id().getBytes(StandardCharsets.UTF_8));
        return record;
    }
}
