package io.pushway.delivery.intake;

import io.pushway.delivery.metrics.DeliveryMetrics;
import io.pushway.model.KafkaNames;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Error handling of the intake: a poison record goes straight to {@link KafkaNames#DEAD_LETTERS}
 * (same partition); any other failure (Redis down, timeouts) retries the batch with backoff for as
 * long as it takes — an accepted message is never dropped because a dependency was briefly away.
 * Dead-lettering runs in the record's trace: its log lines carry the publish's trace id and the
 * message id, and the dead letter carries the trace on in its headers.
 */
@Configuration(proxyBeanMethods = false)
class IntakeConfiguration {

    private static final Logger log = LoggerFactory.getLogger(IntakeConfiguration.class);

    @Bean
    DefaultErrorHandler intakeErrorHandler(KafkaTemplate<Object, Object> template, DeliveryMetrics metrics,
            FailedRecords failed, RecordObservations observations) {
        var recoverer = new DeadLetterPublishingRecoverer(template,
                (record, e) -> new TopicPartition(KafkaNames.DEAD_LETTERS, record.partition()));
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        // At most the Redis breaker's wait in the open state: the first retry after it closes finds Redis.
        backOff.setMaxInterval(5_000);
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        DefaultErrorHandler handler = new DefaultErrorHandler((record, e) -> observations.observe(record, () -> {
            log.warn("Record {}-{}@{} goes to the dead-letter topic: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            recoverer.accept(record, e);
            failed.markFailed(record.value());
            metrics.deadLettered();
        }), backOff);
        handler.addNotRetryableExceptions(PoisonRecordException.class);
        return handler;
    }

    /**
     * The intake's timer is the per-record observation ({@link RecordObservations}, with the messaging
     * tags). The container's own batch timer has the same name with other tags, and Prometheus would
     * refuse whichever of the two registers second.
     */
    @Bean
    ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> intakeTimers() {
        return container -> container.getContainerProperties().setMicrometerEnabled(false);
    }
}
