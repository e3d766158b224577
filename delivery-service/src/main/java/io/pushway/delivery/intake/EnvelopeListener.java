package io.pushway.delivery.intake;

import io.micrometer.observation.Observation;
import io.pushway.delivery.inbox.Appended;
import io.pushway.delivery.inbox.Inbox;
import io.pushway.delivery.metrics.DeliveryMetrics;
import io.pushway.model.Envelope;
import io.pushway.model.JsonCodec;
import io.pushway.model.KafkaNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

/**
 * Moves each polled batch into the inboxes in waves: the first record of every recipient in one write
 * to Redis, then the second of every recipient that has one, and so on. Records of one recipient are
 * appended in partition order, a recipient's next record only after its previous one succeeded; the
 * listener returns (and the container commits the batch's offsets) only after every append succeeded.
 * A wave that fails fails the batch, which is retried whole: the appends that had succeeded find their
 * duplicates.
 *
 * <p>Each record is processed in its own trace span, continuing the publish's trace
 * ({@link RecordObservations}), with its Redis call as a child span; its outcome is logged at DEBUG with
 * that trace id and the message id.
 *
 * <p>This is the one place that waits for a reactive result: a Kafka listener thread is a dedicated
 * blocking thread, and waiting is exactly what "commit only after the inbox write" requires.
 */
@Component
class EnvelopeListener {

    private static final Logger log = LoggerFactory.getLogger(EnvelopeListener.class);
    private static final Duration WAVE_TIMEOUT = Duration.ofSeconds(30);

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
        waves(decoded).forEach(this::append);
        if (poison != null) {
            throw poison;
        }
    }

    /** The records in waves: the k-th wave holds the k-th record of each recipient (or topic), in batch order. */
    private static List<List<Decoded>> waves(List<Decoded> decoded) {
        Map<String, Integer> counts = new HashMap<>();
        List<List<Decoded>> waves = new ArrayList<>();
        for (Decoded d : decoded) {
            int wave = counts.merge(d.envelope().routingKey(), 1, Integer::sum) - 1;
            if (wave == waves.size()) {
                waves.add(new ArrayList<>());
            }
            waves.get(wave).add(d);
        }
        return waves;
    }

    /** Appends one wave, each record under an observation of its own; throws if the wave failed. */
    private void append(List<Decoded> wave) {
        List<Observation> observed = new ArrayList<>(wave.size());
        List<Inbox.Append> appends = new ArrayList<>(wave.size());
        for (Decoded decoded : wave) {
            Observation observation = observations.start(decoded.record());
            observed.add(observation);
            appends.add(new Inbox.Append(decoded.envelope(), observation));
        }
        List<Appended> outcomes;
        try {
            outcomes = inbox.append(appends).block(WAVE_TIMEOUT);
        } catch (RuntimeException e) {
            observed.forEach(observation -> {
                observation.error(e);
                observation.stop();
            });
            throw e;
        }
        for (int i = 0; i < wave.size(); i++) {
            Envelope envelope = wave.get(i).envelope();
            Appended outcome = outcomes.get(i);
            metrics.intake(outcome);
            RecordObservations.scoped(observed.get(i), envelope.id(), () -> logOutcome(envelope, outcome));
            observed.get(i).stop();
        }
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
