package io.pushway.delivery.intake;

import io.micrometer.observation.Observation;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.pushway.delivery.inbox.Appended;
import io.pushway.delivery.inbox.Inbox;
import io.pushway.delivery.metrics.DeliveryMetrics;
import io.pushway.model.Envelope;
import io.pushway.model.JsonCodec;
import io.pushway.model.KafkaNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Moves each polled batch into the inboxes. Records of one recipient are appended in partition
 * order; different recipients in parallel. The listener returns (and the container commits the
 * batch's offsets) only after every append succeeded.
 *
 * <p>Each record is processed in its own trace span, continuing the publish's trace
 * ({@link RecordObservations}); its outcome is logged at DEBUG with that trace id and the message id.
 *
 * <p>This is the one place that waits for a reactive result: a Kafka listener thread is a dedicated
 * blocking thread, and waiting is exactly what "commit only after the inbox write" requires.
 */
@Component
class EnvelopeListener {

    private static final Logger log = LoggerFactory.getLogger(EnvelopeListener.class);
    private static final Duration BATCH_TIMEOUT = Duration.ofSeconds(30);

    private final Inbox inbox;
    private final DeliveryMetrics metrics;
    private final RecordObservations observations;

    EnvelopeListener(Inbox inbox, DeliveryMetrics metrics, RecordObservations observations) {
        this.inbox = inbox;
        this.metrics = metrics;
        this.observations = observations;
    }

    /** A record and the envelope it holds. */
    private record Decoded(ConsumerRecord<String, byte[]> record, Envelope envelope) {
    }

    @KafkaListener(id = "intake", topics = KafkaNames.MESSAGES, groupId = KafkaNames.DELIVERY_GROUP, batch = "true")
    void onBatch(List<ConsumerRecord<String, byte[]>> records) {
        List<Decoded> decoded = new ArrayList<>(records.size());
        RuntimeException poison = null;
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                decoded.add(new Decoded(record, JsonCodec.decode(record.value())));
            } catch (RuntimeException e) {
                poison = new BatchListenerFailedException("not a valid envelope",
                        new PoisonRecordException("record " + record.topic() + "-" + record.partition()
                                + "@" + record.offset() + " is not a valid envelope", e), decoded.size());
                break;
            }
        }
        appendAll(decoded);
        if (poison != null) {
            throw poison;
        }
    }

    /**
     * Appends each recipient's records in order, stopping at its first failure; the other recipients
     * carry on, and the batch fails once every append has ended. Not fail-fast: after an outage the
     * breaker admits a few trial calls, and a batch that cancelled them as soon as another append was
     * refused could never close it — the intake would retry for ever while Redis was fine again.
     */
    private void appendAll(List<Decoded> decoded) {
        Map<String, List<Decoded>> byRecipient = new LinkedHashMap<>();
        decoded.forEach(d -> byRecipient.computeIfAbsent(d.envelope().routingKey(), key -> new ArrayList<>()).add(d));
        Flux.fromIterable(byRecipient.values())
                .flatMapDelayError(sameRecipient -> Flux.fromIterable(sameRecipient).concatMap(this::append), 256, 32)
                .then()
                .block(BATCH_TIMEOUT);
    }

    /** Appends one envelope under the observation of its record. */
    private Mono<Appended> append(Decoded decoded) {
        Observation observation = observations.start(decoded.record());
        Envelope envelope = decoded.envelope();
        return inbox.append(envelope)
                .doOnNext(outcome -> {
                    metrics.intake(outcome);
                    RecordObservations.scoped(observation, envelope.id(), () -> logOutcome(envelope, outcome));
                })
                .doOnError(observation::error)
                .doFinally(signal -> observation.stop())
                .contextWrite(context -> context.put(ObservationThreadLocalAccessor.KEY, observation));
    }

    private static void logOutcome(Envelope envelope, Appended outcome) {
        if (!log.isDebugEnabled()) {
            return;
        }
        String feed = envelope.recipient() != null ? "inbox of " + envelope.recipient() : "topic " + envelope.topic();
        if (outcome instanceof Appended.Queued queued) {
            log.debug("Message {} queued in the {} as entry {}", envelope.id(), feed, queued.entryId());
        } else if (outcome instanceof Appended.Duplicate) {
            log.debug("Message {} for the {} was processed before; skipped", envelope.id(), feed);
        } else {
            log.debug("Message {} for the {} expired before it was queued", envelope.id(), feed);
        }
    }
}
