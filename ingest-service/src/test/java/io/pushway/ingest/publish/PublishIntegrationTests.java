package io.pushway.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.pushway.ingest.IngestIntegrationTest;
import io.pushway.model.Envelope;
import io.pushway.model.RedisKeys;
import io.pushway.testsupport.TestTokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.test.web.reactive.server.WebTestClient;

class PublishIntegrationTests extends IngestIntegrationTest {

    private final String publisher = TestTokens.mint("backend-" + UUID.randomUUID(), "push.publish", "push.status");

    @Autowired
    private ProducerFactory<String, byte[]> producers;

    @Test
    void acceptedMessageIsInKafkaPerRecipientAndRecordedInRedis() {
        String alice = "alice-" + UUID.randomUUID();
        String bob = "bob-" + UUID.randomUUID();

        var answer = publish(publisher, "{\"recipients\":[\"" + alice + "\",\"" + bob + "\"],"
                + "\"payload\":{\"text\":\"hi\"},\"ttlSeconds\":60,\"priority\":\"high\"}")
                .expectStatus().isAccepted()
                .expectHeader().valueMatches(HttpHeaders.LOCATION, "https://localhost:\\d+/api/v1/messages/[0-9a-f-]{36}")
                .expectBody(Map.class).returnResult().getResponseBody();

        String id = (String) answer.get("id");
        assertThat(answer).containsEntry("state", "ACCEPTED")
                .containsEntry("statusUrl", "https://localhost:" + port + "/api/v1/messages/" + id);
        List<Envelope> envelopes = envelopesFor(id, 2);
        assertThat(envelopes).extracting(Envelope::recipient).containsExactlyInAnyOrder(alice, bob);
        assertThat(envelopes).allSatisfy(e -> {
            assertThat(e.payload().get("text").asString()).isEqualTo("hi");
            assertThat(Duration.between(e.createdAt(), e.expiresAt())).isEqualTo(Duration.ofSeconds(60));
            assertThat(e.priority().json()).isEqualTo("high");
        });
        assertThat(redis.opsForHash().get(RedisKeys.message(id), "recipients").block())
                .isEqualTo("[\"" + alice + "\",\"" + bob + "\"]");
        assertThat(redis.getExpire(RedisKeys.message(id)).block()).isGreaterThan(Duration.ofDays(6));
    }

    /**
     * The 202 waits for Kafka, so the producer must neither hold a record back to batch it (the
     * publisher would wait for the linger; records still batch while earlier sends are in flight) nor
     * answer before every in-sync replica has it, nor write a retried record twice.
     */
    @Test
    void theProducerSendsEachRecordAtOnceWaitsForEveryReplicaAndNeverWritesARecordTwice() {
        Map<String, Object> settings = producers.getConfigurationProperties();
        assertThat(String.valueOf(settings.get(ProducerConfig.LINGER_MS_CONFIG))).isEqualTo("0");
        assertThat(String.valueOf(settings.get(ProducerConfig.ACKS_CONFIG))).isEqualTo("all");
        assertThat(String.valueOf(settings.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG))).isEqualTo("true");
    }

    @Test
    void invalidBodiesGetProblemsWithFieldPaths() {
        expectInvalid("{\"recipients\":[],\"payload\":1}", "recipients");
        expectInvalid("{\"recipients\":[\"ok\",\"bad id\"],\"payload\":1}", "recipients[1]");
        expectInvalid("{\"recipients\":[\"a\",\"a\"],\"payload\":1}", "recipients[1]");
        expectInvalid("{\"recipients\":[\"a\"]}", "payload");
        expectInvalid("{\"recipients\":[\"a\"],\"payload\":null}", "payload");
        expectInvalid("{\"recipients\":[\"a\"],\"payload\":1,\"ttlSeconds\":0}", "ttlSeconds");
        expectInvalid("{\"recipients\":[\"a\"],\"payload\":1,\"ttlSeconds\":604801}", "ttlSeconds");
        expectInvalid("{\"recipients\":[\"a\"],\"payload\":1,\"ttlSeconds\":\"60\"}", "ttlSeconds");
        expectInvalid("{\"recipients\":[\"a\"],\"payload\":1,\"priority\":\"urgent\"}", "priority");
        expectInvalid("{\"recipients\":[\"a\"],\"payload\":1,\"extra\":true}", "extra");
        expectInvalid("{\"payload\":1}", "recipients");
        expectInvalid("{\"recipients\":[\"a\"],\"topic\":\"news\",\"payload\":1}", "recipients");
        expectInvalid("{\"topic\":\"bad topic\",\"payload\":1}", "topic");
        expectInvalid("{\"recipients\":[\"a\"],\"payload\":\"" + "x".repeat(64 * 1024) + "\"}", "payload");
        String thousandAndOne = "\"r\"" + ",\"r\"".repeat(1000);
        expectInvalid("{\"recipients\":[" + thousandAndOne + "],\"payload\":1}", "recipients");
    }

    @Test
    void malformedJsonAndWrongMediaTypeAreClientErrors() {
        publish(publisher, "{\"recipients\":[\"a\"],").expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://pushway.io/problems/malformed-json");
        publish(publisher, "[" .repeat(100) + "]".repeat(100)).expectStatus().isBadRequest();
        http.post().uri("/api/v1/messages").header(HttpHeaders.AUTHORIZATION, "Bearer " + publisher)
                .contentType(MediaType.TEXT_PLAIN).bodyValue("hello")
                .exchange().expectStatus().isEqualTo(415)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void publishingNeedsATokenWithThePublishScope() {
        http.post().uri("/api/v1/messages").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"recipients\":[\"a\"],\"payload\":1}")
                .exchange().expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        publish("not.a.token", "{\"recipients\":[\"a\"],\"payload\":1}").expectStatus().isUnauthorized();
        publish(TestTokens.mint("sub", "push.subscribe"), "{\"recipients\":[\"a\"],\"payload\":1}")
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo("https://pushway.io/problems/forbidden");
    }

    private void expectInvalid(String body, String path) {
        publish(publisher, body).expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://pushway.io/problems/validation")
                .jsonPath("$.errors[0].path").isEqualTo(path);
    }

    private WebTestClient.ResponseSpec publish(String token, String body) {
        return http.post().uri("/api/v1/messages")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private static List<Envelope> envelopesFor(String id, int expected) {
        List<Envelope> found = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : KafkaRecords.of(id, expected)) {
            Envelope envelope = KafkaRecords.envelope(record);
            assertThat(record.key()).isEqualTo(envelope.recipient());
            found.add(envelope);
        }
        return found;
    }
}
