package io.pushway.delivery.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pushway.delivery.DeliveryIntegrationTest;
import io.pushway.model.Envelope;
import io.pushway.model.JsonCodec;
import io.pushway.model.KafkaNames;
import io.pushway.model.LogFields;
import io.pushway.testsupport.Infrastructure;
import io.pushway.testsupport.LogCapture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The intake is a batch listener, so it continues each record's trace itself: the log line of every
 * record carries the trace id from the record's {@code traceparent} header (the publish request's)
 * and the message id.
 */
class IntakeTracingIntegrationTests extends DeliveryIntegrationTest {

    private static final String PUBLISH_SPAN = "00f067aa0ba902b7";

    private final String recipient = "traced-" + UUID.randomUUID();

    @Test
    void queuedRecordIsLoggedInThePublishTraceWithItsMessageId() throws Exception {
        String traceId = newTraceId();
        Envelope envelope = envelope(recipient, "{\"n\":1}");

        try (LogCapture logs = LogCapture.ofDebug(EnvelopeListener.class)) {
            produce(envelope.routingKey(), JsonCodec.encode(envelope), envelope.id(), "00-" + traceId + "-" + PUBLISH_SPAN + "-01");

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(logs.events()).anySatisfy(event -> {
                assertThat(event.getFormattedMessage())
                        .startsWith("Message " + envelope.id() + " queued in the inbox of " + recipient + " as entry ");
                assertThat(LogCapture.context(event, "traceId")).isEqualTo(traceId);
                // A span of its own, child of the publish's.
                assertThat(LogCapture.context(event, "spanId")).matches("[0-9a-f]{16}").isNotEqualTo(PUBLISH_SPAN);
                assertThat(LogCapture.context(event, LogFields.MESSAGE_ID)).isEqualTo(envelope.id());
            }));
        }
    }

    @Test
    void recordWithoutTraceContextIsLoggedInATraceOfItsOwn() throws Exception {
        Envelope envelope = envelope(recipient, "{\"n\":2}");

        try (LogCapture logs = LogCapture.ofDebug(EnvelopeListener.class)) {
            produce(envelope.routingKey(), JsonCodec.encode(envelope), envelope.id(), null);

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(logs.events()).anySatisfy(event -> {
                assertThat(LogCapture.context(event, LogFields.MESSAGE_ID)).isEqualTo(envelope.id());
                assertThat(LogCapture.context(event, "traceId")).matches("[0-9a-f]{32}");
            }));
        }
    }

    @Test
    void deadLetteredRecordIsLoggedInThePublishTrace() throws Exception {
        String traceId = newTraceId();
        String messageId = UUID.randomUUID().toString();

        try (LogCapture logs = LogCapture.of(IntakeConfiguration.class)) {
            produce(recipient, "not json".getBytes(StandardCharsets.UTF_8), messageId,
                    "00-" + traceId + "-" + PUBLISH_SPAN + "-01");

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(logs.events()).anySatisfy(event -> {
                assertThat(event.getFormattedMessage()).contains("goes to the dead-letter topic");
                assertThat(LogCapture.context(event, "traceId")).isEqualTo(traceId);
                assertThat(LogCapture.context(event, LogFields.MESSAGE_ID)).isEqualTo(messageId);
            }));
        }
    }

    /** Writes a record as ingest does, with a plain producer: the test's own trace stays out of it. */
    private static void produce(String key, byte[] value, String messageId, String traceparent) throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                Infrastructure.shared().kafkaBootstrapServers());
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(KafkaNames.MESSAGES, key, value);
            record.headers().add(KafkaNames.HEADER_MESSAGE_ID, messageId.getBytes(StandardCharsets.UTF_8));
            if (traceparent != null) {
                record.headers().add(KafkaNames.HEADER_TRACEPARENT, traceparent.getBytes(StandardCharsets.UTF_8));
            }
            producer.send(record).get();
        }
    }

    private static String newTraceId() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
