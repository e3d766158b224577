package io.pushway.delivery.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pushway.delivery.DeliveryIntegrationTest;
import io.pushway.model.DeliveryState;
import io.pushway.model.Envelope;
import io.pushway.model.JsonCodec;
import io.pushway.model.KafkaNames;
import io.pushway.model.MessageIds;
import io.pushway.testsupport.SseStream;
import io.pushway.testsupport.TestClients;
import io.pushway.testsupport.TestTokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Traffic moves the counters, the latency histogram and the stream gauge at {@code /actuator/prometheus};
 * the health endpoint shows Kafka, which readiness leaves out.
 */
class DeliveryMetricsIntegrationTests extends DeliveryIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @LocalManagementPort
    private int managementPort;

    @Test
    void deliveriesAcksExpiriesDeadLettersAndStreamsAreCounted() throws Exception {
        String recipient = "metrics-" + UUID.randomUUID();
        String token = TestTokens.mint(recipient, "push.subscribe");
        String before = scrape();

        try (SseStream stream = SseStream.open("https://localhost:" + port + "/api/v1/stream", token, null)
                .awaitConnected(WAIT)) {
            assertThat(value(scrape(), "pushway_streams_active{transport=\"sse\"}")).isGreaterThanOrEqualTo(1);
            Envelope first = send(envelope(recipient, "{\"n\":1}"));
            send(envelope(recipient, "{\"n\":2}"));
            assertThat(stream.next(WAIT)).isNotNull();
            assertThat(stream.next(WAIT)).isNotNull();
            TestClients.https(port).post().uri("/api/v1/messages/" + first.id() + "/ack")
                    .headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isNoContent();
        }
        Instant past = Instant.now().minusSeconds(120);
        send(Envelope.direct(MessageIds.next(), recipient, JsonCodec.mapper().readTree("1"), null,
                past, past.plusSeconds(60), "test-publisher"));
        kafka.send(KafkaNames.MESSAGES, recipient, "not an envelope".getBytes(StandardCharsets.UTF_8)).join();

        await().atMost(WAIT).untilAsserted(() -> {
            String after = scrape();
            assertThat(delta(before, after, "pushway_delivered_total")).isGreaterThanOrEqualTo(2);
            assertThat(delta(before, after, "pushway_delivery_latency_seconds_count")).isGreaterThanOrEqualTo(2);
            assertThat(delta(before, after, "pushway_delivery_latency_seconds_bucket{le=\"10.0\"}")).isGreaterThanOrEqualTo(2);
            assertThat(delta(before, after, "pushway_intake_total{result=\"queued\"}")).isGreaterThanOrEqualTo(2);
            assertThat(delta(before, after, "pushway_intake_total{result=\"expired\"}")).isGreaterThanOrEqualTo(1);
            assertThat(delta(before, after, "pushway_acks_total{result=\"acknowledged\"}")).isGreaterThanOrEqualTo(1);
            assertThat(delta(before, after, "pushway_dead_letters_total")).isGreaterThanOrEqualTo(1);
            assertThat(value(after, "pushway_streams_active{transport=\"sse\"}")).isEqualTo(value(before,
                    "pushway_streams_active{transport=\"sse\"}"));
        });
    }

    @Test
    void inboxBacklogAndExpiriesInTheInboxAreMeasured() {
        String offline = "offline-" + UUID.randomUUID();
        String before = scrape();
        Instant now = Instant.now();
        // Expires in a moment, while its recipient is away; the next append sweeps it from the head.
        Instant expiry = now.plusSeconds(2);
        Envelope shortLived = send(Envelope.direct(MessageIds.next(), offline, JsonCodec.mapper().readTree("0"), null,
                now, expiry, "test-publisher"));
        await().atMost(WAIT).until(() -> state(offline, shortLived.id()).state() == DeliveryState.QUEUED);
        await().atMost(WAIT).until(() -> Instant.now().isAfter(expiry));
        for (int n = 1; n <= 3; n++) {
            send(envelope(offline, "{\"n\":" + n + "}"));
        }

        await().atMost(WAIT).untilAsserted(() -> {
            String after = scrape();
            assertThat(delta(before, after, "pushway_inbox_expired_total")).isGreaterThanOrEqualTo(1);
            assertThat(delta(before, after, "pushway_inbox_backlog_messages_count")).isGreaterThanOrEqualTo(4);
            // the third message found two waiting before it: the backlog reached 3
            assertThat(value(after, "pushway_inbox_backlog_messages_max")).isGreaterThanOrEqualTo(3);
            assertThat(delta(before, after, "pushway_inbox_backlog_messages_bucket{le=\"1.0\"}"))
                    .isGreaterThanOrEqualTo(1);
        });
    }

    @Test
    void redisAndKafkaClientMetricsAreExported() {
        send(envelope("client-metrics-" + UUID.randomUUID(), "{}"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(scrape())
                .contains("lettuce_seconds_count{")
                .contains("kafka_consumer_fetch_manager_records_lag_max{")
                .contains("kafka_producer_record_send_total{")
                // The intake's per-record observation, as one timer: the container's own batch timer, also
                // named spring.kafka.listener but with other tags, would make Prometheus refuse this one.
                .containsPattern("spring_kafka_listener_seconds_count\\{[^}]*messaging_source_name=\"push.messages.v1\"")
                .doesNotContain("spring_kafka_listener_seconds_count{exception="));
    }

    @Test
    void theRedisBreakerStateAndItsCallsAreExportedButNotInReadiness() {
        String before = scrape();
        TestClients.https(port).get().uri("/api/v1/inbox")
                .headers(h -> h.setBearerAuth(TestTokens.mint("breaker-" + UUID.randomUUID(), "push.subscribe")))
                .exchange().expectStatus().isOk();

        String after = scrape();
        assertThat(value(after, "resilience4j_circuitbreaker_state{name=\"redis\",state=\"closed\"}")).isEqualTo(1);
        assertThat(value(after, "resilience4j_circuitbreaker_state{name=\"redis\",state=\"open\"}")).isZero();
        assertThat(delta(before, after, "resilience4j_circuitbreaker_calls_seconds_count{kind=\"successful\",name=\"redis\"}"))
                .isGreaterThanOrEqualTo(1);
        // A shared dependency's outage must not take every replica out of the load balancer at once.
        assertThat(WebClient.create("http://127.0.0.1:" + managementPort).get().uri("/actuator/health/readiness")
                .retrieve().bodyToMono(String.class).block(WAIT)).doesNotContain("circuitBreakers");
    }

    @Test
    void kafkaIsInTheHealthDetailsButNotInReadiness() {
        WebClient management = WebClient.create("http://127.0.0.1:" + managementPort);
        assertThat(management.get().uri("/actuator/health").retrieve().bodyToMono(String.class).block(WAIT))
                .contains("\"kafka\":{\"details\":{\"clusterId\"");
        assertThat(management.get().uri("/actuator/health/readiness").retrieve().bodyToMono(String.class).block(WAIT))
                .contains("\"redis\"").doesNotContain("kafka");
    }

    private String scrape() {
        return WebClient.create("http://127.0.0.1:" + managementPort).get().uri("/actuator/prometheus")
                .retrieve().bodyToMono(String.class).block(WAIT);
    }

    private static double delta(String before, String after, String series) {
        return value(after, series) - value(before, series);
    }

    /** The value of {@code series} (name and labels as exported, other labels such as application ignored), 0 if absent. */
    private static double value(String scrape, String series) {
        int brace = series.indexOf('{');
        String name = brace < 0 ? series : series.substring(0, brace);
        String labels = brace < 0 ? "" : series.substring(brace + 1, series.length() - 1);
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*})? (\\S+)$").matcher(scrape);
        double sum = 0;
        while (line.find()) {
            String found = line.group(1) == null ? "" : line.group(1);
            if (labels.isEmpty() || found.contains(labels)) {
                sum += Double.parseDouble(line.group(2));
            }
        }
        return sum;
    }
}
