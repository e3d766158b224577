package io.pushway.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.pushway.ingest.IngestIntegrationTest;
import io.pushway.model.KafkaNames;
import io.pushway.model.LogFields;
import io.pushway.testsupport.LogCapture;
import io.pushway.testsupport.TestTokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * The trace of a publish request goes on in the headers of its Kafka records, and into its log line;
 * a write to Kafka (one message or a batch) is one send span and one sample of its timer.
 */
class PublishTracingIntegrationTests extends IngestIntegrationTest {

    @Autowired
    private MeterRegistry meters;

    private final String publisher = TestTokens.mint("traced-" + UUID.randomUUID(), "push.publish");

    @Test
    void recordsContinueTheRequestsTraceAndKeepItsSamplingDecision() {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String parentSpan = "00f067aa0ba902b7";

        try (LogCapture logs = LogCapture.of(Publishing.class)) {
            String id = publish("{\"recipients\":[\"ann\",\"ben\"],\"payload\":1}",
                    "00-" + traceId + "-" + parentSpan + "-00");

            List<ConsumerRecord<String, byte[]>> records = KafkaRecords.of(id, 2);
            assertThat(records).hasSize(2).allSatisfy(record ->
                    // Same trace, a child span of the request's, and the caller's "not sampled" flag kept.
                    assertThat(traceparent(record)).matches("00-" + traceId + "-[0-9a-f]{16}-00")
                            .doesNotContain(parentSpan));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(logs.events()).anySatisfy(event -> {
                assertThat(event.getFormattedMessage()).isEqualTo("Accepted message " + id + ": 2 Kafka record(s)");
                assertThat(LogCapture.context(event, "traceId")).isEqualTo(traceId);
                assertThat(LogCapture.context(event, LogFields.MESSAGE_ID)).isEqualTo(id);
            }));
        }
    }

    @Test
    void aRequestWithoutTraceContextStartsATraceItsRecordsCarry() {
        try (LogCapture logs = LogCapture.of(Publishing.class)) {
            String id = publish("{\"topic\":\"traced.news\",\"payload\":1}", null);

            String traceparent = traceparent(KafkaRecords.of(id, 1).get(0));
            assertThat(traceparent).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(logs.events()).anySatisfy(event -> {
                assertThat(LogCapture.context(event, LogFields.MESSAGE_ID)).isEqualTo(id);
                assertThat(LogCapture.context(event, "traceId")).isEqualTo(traceparent.substring(3, 35));
            }));
        }
    }

    @Test
    void aBatchIsOneSendWhoseTraceEveryRecordCarries() {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String parentSpan = "00f067aa0ba902b7";
        Timer sends = meters.timer(KafkaEnvelopePublisher.OBSERVATION, "error", "none", "messaging.destination.name",
                KafkaNames.MESSAGES, "messaging.operation", "publish", "messaging.system", "kafka");
        long sendsBefore = sends.count();

        List<String> ids = http.post().uri("/api/v1/messages/batch")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + publisher)
                .header(KafkaNames.HEADER_TRACEPARENT, "00-" + traceId + "-" + parentSpan + "-01")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"messages\":[{\"recipients\":[\"ann\",\"ben\"],\"payload\":1},"
                        + "{\"topic\":\"traced.news\",\"payload\":2},{\"recipients\":[\"cat\"],\"payload\":3}]}")
                .exchange().expectStatus().isOk().expectBody(BatchController.BatchResult.class).returnResult()
                .getResponseBody().results().stream().map(BatchController.Item::id).toList();

        List<ConsumerRecord<String, byte[]>> records = KafkaRecords.of(ids, 4);
        assertThat(records).hasSize(4);
        // One send span for the whole write, a child of the request's, sampled as the caller asked.
        assertThat(records.stream().map(PublishTracingIntegrationTests::traceparent).distinct().toList())
                .singleElement().asString().matches("00-" + traceId + "-[0-9a-f]{16}-01").doesNotContain(parentSpan);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(sends.count()).isEqualTo(sendsBefore + 1));
    }

    private static String traceparent(ConsumerRecord<String, byte[]> record) {
        return new String(record.headers().lastHeader(KafkaNames.HEADER_TRACEPARENT).value(), StandardCharsets.UTF_8);
    }

    private String publish(String body, String traceparent) {
        Map<?, ?> answer = http.post().uri("/api/v1/messages")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + publisher)
                .headers(headers -> {
                    if (traceparent != null) {
                        headers.set(KafkaNames.HEADER_TRACEPARENT, traceparent);
                    }
                })
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isAccepted().expectBody(Map.class).returnResult().getResponseBody();
        return (String) answer.get("id");
    }
}
