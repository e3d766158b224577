package io.pushway.delivery.intake;

import io.pushway.delivery.inbox.Inbox;
import io.pushway.delivery.metrics.DeliveryMetrics;
import io.pushway.model.Envelope;
import io.pushway.model.JsonCodec;
import io.pushway.model.KafkaNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * Moves each polled batch into the inboxes. Records of one recipient are appended in partition
 * order; different recipients in parallel. The listener returns (and the container commits the
 * batch's offsets) only after every append succeeded.
 *
 * <p>This is the one place that waits for a reactive result: a Kafka listener thread is a dedicated
 * blocking thread, and waiting is exactly what "commit only after the inbox write" requires.
 */
@Component
class EnvelopeListener {

    private static final Duration BATCH_TIMEOUT = Duration.ofSeconds(30);

    private final Inbox inbox;
    private final DeliveryMetrics metrics;

    EnvelopeListener(Inbox inbox, DeliveryMetrics metrics) {
        this.inbox = inbox;
        this.metrics = metrics;
    }

    @KafkaListener(id = "intake", topics = KafkaNames.MESSAGES, groupId = KafkaNames.DELIVERY_GROUP, batch = "true")
    void onBatch(List<ConsumerRecord<String, byte[]>> records) {
        List<Envelope> envelopes = new ArrayList<>(records.size());
        RuntimeException poison = null;
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                envelopes.add(JsonCodec.decode(record.value()));
            } catch (RuntimeException e) {
                poison = new BatchListenerFailedException("not a valid envelope",
                        new PoisonRecordException("record " + record.topic() + "-" + record.partition()
                                + "@" + record.offset() + " is not a valid envelope", e), envelopes.size());
                break;
            }
        }
        appendAll(envelopes);
        if (poison != null) {
            throw poison;
        }
    }

    private void appendAll(List<Envelope> envelopes) {
        Flux.fromIterable(envelopes)
                .groupBy(Envelope::routingKey)
                .flatMap(sameRecipient -> sameRecipient.concatMap(envelope -> inbox.append(envelope)
                        .doOnNext(metrics::intake)), 256)
                .then()
                .block(BATCH_TIMEOUT);
    }
}
