package io.pushway.delivery.intake;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.pushway.model.KafkaNames;
import io.pushway.model.LogFields;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.MDC;
import org.springframework.kafka.support.micrometer.KafkaListenerObservation;
import org.springframework.kafka.support.micrometer.KafkaListenerObservation.DefaultKafkaListenerObservationConvention;
import org.springframework.kafka.support.micrometer.KafkaRecordReceiverContext;
import org.springframework.stereotype.Component;

/**
 * The trace of each consumed record. The intake is a batch listener, which spring-kafka does not
 * observe, so each record gets here what a record listener would: an observation
 * ({@code spring.kafka.listener}) whose span continues the trace in the record's W3C
 * {@value KafkaNames#HEADER_TRACEPARENT} header — the publish request's. Log lines written
 * {@linkplain #scoped in its scope} carry that trace id and the record's message id.
 */
@Component
class RecordObservations {

    private static final String LISTENER_ID = "intake";

    private final ObservationRegistry registry;

    RecordObservations(ObservationRegistry registry) {
        this.registry = registry;
    }

    /** A started observation of processing {@code record}, child of the trace in its headers. */
    Observation start(ConsumerRecord<?, ?> record) {
        return KafkaListenerObservation.LISTENER_OBSERVATION.observation(null,
                DefaultKafkaListenerObservationConvention.INSTANCE,
                () -> new KafkaRecordReceiverContext(record, LISTENER_ID, "", KafkaNames.DELIVERY_GROUP, () -> null),
                registry).start();
    }

    /**
     * Runs {@code action} with {@code observation}'s trace, and {@code messageId} if not null, in the
     * logging context.
     */
    static void scoped(Observation observation, String messageId, Runnable action) {
        observation.scoped(() -> {
            if (messageId == null) {
                action.run();
                return;
            }
            try (var ignored = MDC.putCloseable(LogFields.MESSAGE_ID, messageId)) {
                action.run();
            }
        });
    }

    /** The message id {@code record} names in its {@value KafkaNames#HEADER_MESSAGE_ID} header; null if none. */
    static String messageId(ConsumerRecord<?, ?> record) {
        Header id = record.headers().lastHeader(KafkaNames.HEADER_MESSAGE_ID);
        return id == null ? null : new String(id.value(), StandardCharsets.UTF_8);
    }

    /** Runs {@code action} under a new observation of {@code record}, stopped after it. */
    void observe(ConsumerRecord<?, ?> record, Runnable action) {
        Observation observation = start(record);
        try {
            scoped(observation, messageId(record), action);
        } catch (RuntimeException e) {
            observation.error(e);
            throw e;
        } finally {
            observation.stop();
        }
    }
}
