package io.pushway.delivery.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pushway.delivery.DeliveryIntegrationTest;
import io.pushway.model.DeliveryState;
import io.pushway.model.Envelope;
import io.pushway.model.RedisKeys;
import io.pushway.model.StateRecord;
import io.pushway.testsupport.SseStream;
import io.pushway.testsupport.TestClients;
import io.pushway.testsupport.TestTokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.codec.ServerSentEvent;

class TopicIntegrationTests extends DeliveryIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String recipient = "topics-" + run;
    private final String news = "news." + run;
    private final String alerts = "alerts." + run;
    private final String token = TestTokens.mint(recipient, "push.subscribe");

    @Test
    void oneStreamCarriesTheInboxAndTopicsWithACursorForEach() throws Exception {
        Envelope before = sendAndWait(topicEnvelope(news, "{\"old\":true}"));
        try (SseStream stream = SseStream.open(url("?topics=" + news + "," + alerts), token, null).awaitConnected(WAIT)) {
            Envelope onNews = send(topicEnvelope(news, "{\"n\":1}"));
            ServerSentEvent<String> first = stream.next(WAIT);
            assertThat(first.data()).contains(onNews.id(), "\"topic\":\"" + news + "\"").doesNotContain(before.id());
            assertThat(first.id()).matches("0-0_\\d+-\\d+_\\d+-\\d+");

            Envelope direct = send(envelope(recipient, "{\"direct\":true}"));
            Envelope onAlerts = send(topicEnvelope(alerts, "{\"alert\":1}"));
            List<String> next = List.of(stream.next(WAIT).data(), stream.next(WAIT).data());
            assertThat(String.join(" ", next)).contains(direct.id(), onAlerts.id());
        }
        await().atMost(WAIT).until(() -> reach(news, before.id()) == 0 && state(news, before.id()).state() == DeliveryState.PUBLISHED);
    }

    @Test
    void reachCountsEveryStreamAMessageWasWrittenToOnce() throws Exception {
        List<SseStream> streams = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                streams.add(SseStream.open(url("?topics=" + news), TestTokens.mint(recipient + "-" + i, "push.subscribe"), null)
                        .awaitConnected(WAIT));
            }
            Envelope first = send(topicEnvelope(news, "{\"n\":1}"));
            for (SseStream stream : streams) {
                assertThat(stream.next(WAIT).data()).contains(first.id());
            }
            awaitReach(news, first.id(), 3);
            Envelope second = send(topicEnvelope(news, "{\"n\":2}"));
            for (SseStream stream : streams) {
                assertThat(stream.next(WAIT).data()).contains(second.id());
            }
            awaitReach(news, second.id(), 3);
            // Counted once: later flushes did not add to the first message's count.
            assertThat(reach(news, first.id())).isEqualTo(3);
        } finally {
            streams.forEach(SseStream::close);
        }
    }

    @Test
    void resumingWithTheCursorReplaysWhatEachFeedMissed() throws Exception {
        String cursor;
        Envelope seen;
        try (SseStream stream = SseStream.open(url("?topics=" + news), token, null).awaitConnected(WAIT)) {
            seen = send(topicEnvelope(news, "{\"n\":1}"));
            ServerSentEvent<String> event = stream.next(WAIT);
            assertThat(event.data()).contains(seen.id());
            cursor = event.id();
        }
        Envelope missedTopic = sendAndWait(topicEnvelope(news, "{\"n\":2}"));
        Envelope missedDirect = sendAndWait(envelope(recipient, "{\"n\":3}"));

        try (SseStream stream = SseStream.open(url("?topics=" + news), token, cursor).awaitConnected(WAIT)) {
            List<String> data = List.of(stream.next(WAIT).data(), stream.next(WAIT).data());
            assertThat(String.join(" ", data)).contains(missedTopic.id(), missedDirect.id()).doesNotContain(seen.id());
            assertThat(stream.next(Duration.ofMillis(300))).isNull();
        }
        awaitReach(news, seen.id(), 1);
        awaitReach(news, missedTopic.id(), 1);
    }

    @Test
    void resumingPastTheTopicHistoryStartsWithAGapEvent() throws Exception {
        String cursor;
        try (SseStream stream = SseStream.open(url("?topics=" + news), token, null).awaitConnected(WAIT)) {
            send(topicEnvelope(news, "{\"n\":0}"));
            cursor = stream.next(WAIT).id();
        }
        List<Envelope> missed = new ArrayList<>();
        for (int i = 1; i <= TOPIC_HISTORY + 3; i++) {
            missed.add(send(topicEnvelope(news, "{\"n\":" + i + "}")));
        }
        Envelope last = missed.get(missed.size() - 1);
        await().atMost(WAIT).until(() -> state(news, last.id()).state() == DeliveryState.PUBLISHED);

        try (SseStream stream = SseStream.open(url("?topics=" + news), token, cursor).awaitConnected(WAIT)) {
            ServerSentEvent<String> gap = stream.next(WAIT);
            assertThat(gap.event()).isEqualTo("gap");
            assertThat(gap.data()).contains("\"topic\":\"" + news + "\"", "\"lostUpTo\"");
            List<String> received = new ArrayList<>();
            for (int i = 0; i < TOPIC_HISTORY; i++) {
                received.add(stream.next(WAIT).data().substring(7, 43));
            }
            assertThat(received).containsExactlyElementsOf(
                    missed.subList(missed.size() - TOPIC_HISTORY, missed.size()).stream().map(Envelope::id).toList());
        }
    }

    @Test
    void pollingCoversTopicsWithTheSameCursors() {
        var http = TestClients.https(port);
        String first = (String) http.get().uri("/api/v1/inbox?topics=" + news).header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange().expectStatus().isOk().expectBody(java.util.Map.class).returnResult().getResponseBody().get("next");
        Envelope onNews = sendAndWait(topicEnvelope(news, "{\"polled\":true}"));

        http.get().uri("/api/v1/inbox?topics=" + news + "&after=" + first).header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.events.length()").isEqualTo(1)
                .jsonPath("$.events[0].event").isEqualTo("message")
                .jsonPath("$.events[0].data.id").isEqualTo(onNews.id())
                .jsonPath("$.events[0].id").value(id -> assertThat((String) id).matches("0-0_\\d+-\\d+"))
                .jsonPath("$.next").value(next -> assertThat((String) next).endsWith(
                        "_" + state(news, onNews.id()).entryId()));
        awaitReach(news, onNews.id(), 1);
    }

    @Test
    void topicsAreBoundByThePushTopicsClaimAndValidated() {
        var http = TestClients.https(port);
        String limited = TestTokens.mintWithTopics(recipient, List.of("news.*"), "push.subscribe");
        http.get().uri("/api/v1/stream?topics=alerts").header(HttpHeaders.AUTHORIZATION, "Bearer " + limited)
                .exchange().expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo("https://pushway.io/problems/forbidden");
        http.get().uri("/api/v1/stream?topics=a%20b").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].path").isEqualTo("topics");
        http.get().uri("/api/v1/stream?topics=" + news).header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .header("Last-Event-ID", "1-0").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].path").isEqualTo("Last-Event-ID");
    }

    private Envelope sendAndWait(Envelope envelope) {
        send(envelope);
        String feed = envelope.routingKey();
        await().atMost(WAIT).until(() -> envelope.topic() != null
                ? state(feed, envelope.id()).state() == DeliveryState.PUBLISHED
                : state(feed, envelope.id()).state() == DeliveryState.QUEUED);
        return envelope;
    }

    @Override
    protected StateRecord state(String feed, String messageId) {
        String key = feed.equals(recipient) ? RedisKeys.state(feed) : RedisKeys.topicState(feed);
        return StateRecord.parse((String) redis.opsForHash().get(key, messageId).block());
    }

    /** Reach counts are written in batches (every 200 ms): wait for the count, which must not pass it. */
    private void awaitReach(String topic, String messageId, long streams) {
        await().atMost(WAIT).until(() -> reach(topic, messageId) >= streams);
        assertThat(reach(topic, messageId)).isEqualTo(streams);
    }

    private long reach(String topic, String messageId) {
        Object value = redis.opsForHash().get(RedisKeys.topicState(topic), RedisKeys.reachField(messageId)).block();
        return value == null ? 0 : Long.parseLong((String) value);
    }

    private String url(String query) {
        return "https://localhost:" + port + "/api/v1/stream" + query;
    }
}
