package io.pushway.delivery.ack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pushway.delivery.DeliveryIntegrationTest;
import io.pushway.model.DeliveryState;
import io.pushway.model.Envelope;
import io.pushway.model.JsonCodec;
import io.pushway.model.MessageIds;
import io.pushway.model.RedisKeys;
import io.pushway.testsupport.SseStream;
import io.pushway.testsupport.TestClients;
import io.pushway.testsupport.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

class AckIntegrationTests extends DeliveryIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final String recipient = "ack-" + UUID.randomUUID();
    private final String token = TestTokens.mint(recipient, "push.subscribe");

    @Test
    void ackMovesToAcknowledgedRemovesTheEntryAndIsIdempotent() throws Exception {
        Envelope acked = send(envelope(recipient, "{\"n\":1}"));
        Envelope kept = send(envelope(recipient, "{\"n\":2}"));
        await().atMost(WAIT).until(() -> state(recipient, kept.id()).state() == DeliveryState.QUEUED);

        ack(token, acked.id()).expectStatus().isNoContent();
        ack(token, acked.id()).expectStatus().isNoContent();

        assertThat(state(recipient, acked.id()).state()).isEqualTo(DeliveryState.ACKNOWLEDGED);
        assertThat(state(recipient, acked.id()).timestamps()).containsKeys(DeliveryState.QUEUED, DeliveryState.ACKNOWLEDGED);
        assertThat(redis.opsForStream().size(RedisKeys.inbox(recipient)).block()).isEqualTo(1);
        try (SseStream stream = SseStream.open("https://localhost:" + port + "/api/v1/stream", token, null)
                .awaitConnected(WAIT)) {
            assertThat(stream.next(WAIT).data()).contains(kept.id());
            assertThat(stream.next(Duration.ofMillis(300))).as("acknowledged message is not replayed").isNull();
        }
        await().atMost(WAIT).until(() -> state(recipient, kept.id()).state() == DeliveryState.DELIVERED);
        ack(token, kept.id()).expectStatus().isNoContent();
        assertThat(state(recipient, kept.id()).state()).isEqualTo(DeliveryState.ACKNOWLEDGED);
    }

    @Test
    void onlyTheRecipientCanAcknowledge() {
        Envelope sent = send(envelope(recipient, "1"));
        await().atMost(WAIT).until(() -> state(recipient, sent.id()).state() == DeliveryState.QUEUED);

        ack(TestTokens.mint("intruder", "push.subscribe"), sent.id()).expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        ack(TestTokens.mint(recipient, "push.publish"), sent.id()).expectStatus().isForbidden();
        ack(token, MessageIds.next()).expectStatus().isNotFound();
        ack(token, "not-an-id").expectStatus().isNotFound();
        assertThat(state(recipient, sent.id()).state()).isEqualTo(DeliveryState.QUEUED);
    }

    @Test
    void expiredMessageCannotBeAcknowledged() {
        Instant past = Instant.now().minusSeconds(5);
        Envelope expired = send(Envelope.direct(MessageIds.next(), recipient, JsonCodec.mapper().readTree("1"), null,
                past.minusSeconds(1), past, "test-publisher"));
        await().atMost(WAIT).until(() -> state(recipient, expired.id()).state() == DeliveryState.EXPIRED);

        ack(token, expired.id()).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("https://pushway.io/problems/conflict");
    }

    @Test
    void expiredEntriesAreTrimmedFromTheInboxHeadAndRecordedExpired() throws Exception {
        Envelope warmUp = send(envelope("warm-up-" + UUID.randomUUID(), "0"));
        await().atMost(WAIT).until(() -> state(warmUp.recipient(), warmUp.id()).state() == DeliveryState.QUEUED);
        Instant now = Instant.now();
        Envelope shortLived = send(Envelope.direct(MessageIds.next(), recipient, JsonCodec.mapper().readTree("1"), null,
                now, now.plusSeconds(2), "test-publisher"));
        await().atMost(WAIT).until(() -> state(recipient, shortLived.id()).state() == DeliveryState.QUEUED);
        await().atMost(WAIT).until(() -> Instant.now().isAfter(shortLived.expiresAt()));

        Envelope next = send(envelope(recipient, "2"));

        await().atMost(WAIT).until(() -> state(recipient, next.id()).state() == DeliveryState.QUEUED);
        assertThat(state(recipient, shortLived.id()).state()).isEqualTo(DeliveryState.EXPIRED);
        assertThat(redis.opsForStream().size(RedisKeys.inbox(recipient)).block()).isEqualTo(1);
    }

    private WebTestClient.ResponseSpec ack(String bearer, String id) {
        return TestClients.https(port).post().uri("/api/v1/messages/" + id + "/ack")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + bearer).exchange();
    }
}
