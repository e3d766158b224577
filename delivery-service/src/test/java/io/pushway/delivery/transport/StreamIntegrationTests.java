package io.pushway.delivery.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pushway.delivery.DeliveryIntegrationTest;
import io.pushway.model.DeliveryState;
import io.pushway.model.Envelope;
import io.pushway.testsupport.SseStream;
import io.pushway.testsupport.TestClients;
import io.pushway.testsupport.TestTokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;

class StreamIntegrationTests extends DeliveryIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final String recipient = "stream-" + UUID.randomUUID();
    private final String token = TestTokens.mint(recipient, "push.subscribe");

    @Test
    void liveMessageArrivesAsAnSseEventAndIsRecordedDelivered() throws Exception {
        try (SseStream stream = SseStream.open(url(), token, null).awaitConnected(WAIT)) {
            Envelope sent = send(envelope(recipient, "{\"text\":\"line1\\nline2\\r\\ndata: forged\"}"));

            ServerSentEvent<String> event = stream.next(WAIT);

            assertThat(event).isNotNull();
            assertThat(event.event()).isEqualTo("message");
            assertThat(event.id()).isEqualTo(state(recipient, sent.id()).entryId());
            assertThat(event.data()).isEqualTo("{\"id\":\"" + sent.id()
                    + "\",\"payload\":{\"text\":\"line1\\nline2\\r\\ndata: forged\"},\"createdAt\":\""
                    + sent.createdAt() + "\"}");
            await().atMost(WAIT).until(() -> state(recipient, sent.id()).state() == DeliveryState.DELIVERED);
            assertThat(state(recipient, sent.id()).timestamps()).containsKeys(DeliveryState.QUEUED, DeliveryState.DELIVERED);
        }
    }

    @Test
    void offlineMessagesAreReplayedOldestFirstThenLiveOnesFollow() throws Exception {
        List<Envelope> offline = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            offline.add(send(envelope(recipient, "{\"n\":" + i + "}")));
        }
        await().atMost(WAIT).until(() -> state(recipient, offline.get(249).id()).state() == DeliveryState.QUEUED);

        try (SseStream stream = SseStream.open(url(), token, null).awaitConnected(WAIT)) {
            Envelope live = send(envelope(recipient, "{\"live\":true}"));
            List<String> received = new ArrayList<>();
            for (int i = 0; i < 251; i++) {
                ServerSentEvent<String> event = stream.next(WAIT);
                assertThat(event).as("event %d", i).isNotNull();
                received.add(event.data().substring(7, 43));
            }
            List<String> expected = new ArrayList<>(offline.stream().map(Envelope::id).toList());
            expected.add(live.id());
            assertThat(received).containsExactlyElementsOf(expected);
            assertThat(stream.next(Duration.ofMillis(300))).as("no duplicates").isNull();
        }
    }

    @Test
    void resumingWithLastEventIdReplaysOnlyLaterEvents() throws Exception {
        Envelope first = send(envelope(recipient, "{\"n\":1}"));
        Envelope second = send(envelope(recipient, "{\"n\":2}"));
        Envelope third = send(envelope(recipient, "{\"n\":3}"));
        await().atMost(WAIT).until(() -> state(recipient, third.id()).state() == DeliveryState.QUEUED);
        String resumeFrom = state(recipient, first.id()).entryId();

        try (SseStream stream = SseStream.open(url(), token, resumeFrom).awaitConnected(WAIT)) {
            assertThat(stream.next(WAIT).data()).contains(second.id());
            assertThat(stream.next(WAIT).data()).contains(third.id());
            assertThat(stream.next(Duration.ofMillis(300))).isNull();
        }
    }

    @Test
    void liveMessageLostOnTheWayIsFilledInOrderByTheNextOne() throws Exception {
        try (SseStream stream = SseStream.open(url(), token, null).awaitConnected(WAIT)) {
            // An inbox entry whose pub/sub message never arrives (as while Redis pub/sub reconnects).
            String lostId = io.pushway.model.MessageIds.next();
            redis.opsForStream().add(io.pushway.model.RedisKeys.inbox(recipient), java.util.Map.of("m", lostId,
                    "d", "{\"id\":\"" + lostId + "\",\"payload\":\"lost\",\"createdAt\":\"2026-11-25T19:00:00Z\"}",
                    "x", String.valueOf(System.currentTimeMillis() + 60_000))).block();
            Envelope next = send(envelope(recipient, "{\"after\":\"lost\"}"));

            assertThat(stream.next(WAIT).data()).contains(lostId);
            assertThat(stream.next(WAIT).data()).contains(next.id());
        }
    }

    @Test
    void aUserHoldsAtMostTheConfiguredNumberOfStreams() throws Exception {
        List<SseStream> streams = new ArrayList<>();
        try {
            for (int i = 0; i < MAX_STREAMS; i++) {
                streams.add(SseStream.open(url(), token, null).awaitConnected(WAIT));
            }
            TestClients.https(port).get().uri("/api/v1/stream").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .exchange().expectStatus().isEqualTo(429)
                    .expectBody().jsonPath("$.type").isEqualTo("https://pushway.io/problems/too-many-streams");
            streams.remove(0).close();
            await().atMost(WAIT).untilAsserted(() -> TestClients.https(port).get().uri("/api/v1/inbox")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange().expectStatus().isOk());
            await().atMost(WAIT).until(() -> {
                try (SseStream again = SseStream.open(url(), token, null)) {
                    again.awaitConnected(Duration.ofSeconds(2));
                    return true;
                } catch (AssertionError e) {
                    return false;
                }
            });
        } finally {
            streams.forEach(SseStream::close);
        }
    }

    @Test
    void resumingConfirmsDeliveryOfWhatTheClientAlreadyHas() throws Exception {
        Envelope received = send(envelope(recipient, "{\"n\":1}"));
        await().atMost(WAIT).until(() -> state(recipient, received.id()).state() == DeliveryState.QUEUED);
        // As if the replica that wrote it to the client died before recording DELIVERED.
        String cursor = state(recipient, received.id()).entryId();

        try (SseStream stream = SseStream.open(url(), token, cursor).awaitConnected(WAIT)) {
            await().atMost(WAIT).until(() -> state(recipient, received.id()).state() == DeliveryState.DELIVERED);
            assertThat(stream.next(Duration.ofMillis(300))).isNull();
        }
    }

    @Test
    void subscriberOnlyEverSeesItsOwnInbox() throws Exception {
        try (SseStream mine = SseStream.open(url(), token, null).awaitConnected(WAIT)) {
            send(envelope("someone-else-" + UUID.randomUUID(), "{\"secret\":true}"));
            Envelope own = send(envelope(recipient, "{\"own\":true}"));
            assertThat(mine.next(WAIT).data()).contains(own.id());
        }
    }

    @Test
    void tokenInTheQueryParameterWorksForEventSource() throws Exception {
        try (SseStream stream = SseStream.open(url() + "?access_token=" + token, null, null).awaitConnected(WAIT)) {
            Envelope sent = send(envelope(recipient, "1"));
            assertThat(stream.next(WAIT).data()).contains(sent.id());
        }
    }

    @Test
    void streamsNeedAValidTokenWithTheSubscribeScopeAndAValidCursor() {
        var http = TestClients.https(port);
        http.get().uri("/api/v1/stream").exchange().expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        http.get().uri("/api/v1/stream").header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.mint(recipient, "push.publish"))
                .exchange().expectStatus().isForbidden();
        http.get().uri("/api/v1/stream?access_token=garbage").exchange().expectStatus().isUnauthorized();
        http.get().uri("/api/v1/stream").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .header("Last-Event-ID", "12-<script>").exchange().expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].path").isEqualTo("Last-Event-ID")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).doesNotContain("<script>"));
        http.get().uri("/api/v1/stream?lastEventId=99999999999999999999-0")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange().expectStatus().isBadRequest();
    }

    private String url() {
        return "https://localhost:" + port + "/api/v1/stream";
    }
}
