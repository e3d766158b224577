package io.pushway.ingest.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.pushway.ingest.IngestIntegrationTest;
import io.pushway.model.MessageIds;
import io.pushway.model.RedisKeys;
import io.pushway.testsupport.TestTokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

class StatusIntegrationTests extends IngestIntegrationTest {

    private static final Duration CACHE_TTL = Duration.ofSeconds(1);

    @Autowired
    private MeterRegistry meters;

    private final String publisherName = "backend-" + UUID.randomUUID();
    private final String publisher = TestTokens.mint(publisherName, "push.publish", "push.status");

    @Test
    void freshMessageIsAcceptedForEveryRecipient() {
        String id = publish(List.of("carol", "dave"));

        status(publisher, id).expectStatus().isOk().expectBody()
                .jsonPath("$.id").isEqualTo(id)
                .jsonPath("$.state").isEqualTo("ACCEPTED")
                .jsonPath("$.counts.ACCEPTED").isEqualTo(2)
                .jsonPath("$.recipients[0].id").isEqualTo("carol")
                .jsonPath("$.recipients[1].state").isEqualTo("ACCEPTED")
                .jsonPath("$.createdAt").exists()
                .jsonPath("$.expiresAt").exists()
                .jsonPath("$.next").isEmpty();
    }

    @Test
    void stateIsTheLeastAdvancedRecipientStateWithTimestamps() {
        String erin = "erin-" + UUID.randomUUID();
        String frank = "frank-" + UUID.randomUUID();
        String id = publish(List.of(erin, frank));
        redis.opsForHash().put(RedisKeys.state(erin), id, "e=1-0 QUEUED=1700000000000 DELIVERED=1700000000500").block();
        redis.opsForHash().put(RedisKeys.state(frank), id, "e=1-0 QUEUED=1700000000000").block();

        status(publisher, id).expectStatus().isOk().expectBody()
                .jsonPath("$.state").isEqualTo("QUEUED")
                .jsonPath("$.counts.QUEUED").isEqualTo(1)
                .jsonPath("$.counts.DELIVERED").isEqualTo(1)
                .jsonPath("$.recipients[0].state").isEqualTo("DELIVERED")
                .jsonPath("$.recipients[0].at").isEqualTo("2023-11-14T22:13:20.500Z")
                .jsonPath("$.recipients[0].timestamps.QUEUED").isEqualTo("2023-11-14T22:13:20Z");
    }

    @Test
    void undeliveredMessageReadsExpiredOnceItsTtlPassed() {
        String henry = "henry-" + UUID.randomUUID();
        String ida = "ida-" + UUID.randomUUID();
        String id = (String) http.post().uri("/api/v1/messages")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + publisher).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"recipients\":[\"" + henry + "\",\"" + ida + "\"],\"payload\":1,\"ttlSeconds\":1}")
                .exchange().expectStatus().isAccepted().expectBody(Map.class).returnResult().getResponseBody().get("id");
        redis.opsForHash().put(RedisKeys.state(henry), id, "e=1-0 QUEUED=1700000000000 DELIVERED=1700000000001").block();
        status(publisher, id).expectBody().jsonPath("$.state").isEqualTo("ACCEPTED");

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() ->
                status(publisher, id).expectStatus().isOk().expectBody()
                        .jsonPath("$.state").isEqualTo("DELIVERED")
                        .jsonPath("$.counts.DELIVERED").isEqualTo(1)
                        .jsonPath("$.counts.EXPIRED").isEqualTo(1)
                        .jsonPath("$.recipients[1].state").isEqualTo("EXPIRED"));
    }

    @Test
    void topicMessageReadsPublishedWithTheStreamsItReached() {
        String topic = "news." + UUID.randomUUID();
        String id = (String) http.post().uri("/api/v1/messages")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + publisher).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"topic\":\"" + topic + "\",\"payload\":{\"headline\":\"x\"}}")
                .exchange().expectStatus().isAccepted().expectBody(Map.class).returnResult().getResponseBody().get("id");
        status(publisher, id).expectBody().jsonPath("$.state").isEqualTo("ACCEPTED").jsonPath("$.topic").isEqualTo(topic)
                .jsonPath("$.reached").isEqualTo(0);

        redis.opsForHash().put(RedisKeys.topicState(topic), id, "e=1-0 PUBLISHED=1700000000000").block();
        redis.opsForHash().put(RedisKeys.topicState(topic), RedisKeys.reachField(id), "3").block();

        // The first answer may be reused for the status cache's TTL (1 s).
        await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> status(publisher, id).expectStatus().isOk().expectBody()
                .jsonPath("$.state").isEqualTo("PUBLISHED")
                .jsonPath("$.reached").isEqualTo(3)
                .jsonPath("$.recipients.length()").isEqualTo(0));
    }

    @Test
    void repeatedReadsAreServedFromTheCacheButNeverOlderThanItsTtl() {
        String gina = "gina-" + UUID.randomUUID();
        String id = publish(List.of(gina));
        status(publisher, id).expectBody().jsonPath("$.state").isEqualTo("ACCEPTED");
        long cachedBy = System.nanoTime();
        double hits = cacheGets("hit");

        redis.opsForHash().put(RedisKeys.state(gina), id, "e=1-0 QUEUED=1700000000000 DELIVERED=1700000000500").block();
        // Within the TTL the cached answer may be served, and a repeat is a cache hit.
        status(publisher, id).expectBody().jsonPath("$.state").exists();
        assertThat(cacheGets("hit")).isEqualTo(hits + 1);
        // Another caller is still refused from a cached status.
        status(TestTokens.mint("someone-else", "push.status"), id).expectStatus().isNotFound();

        // Once the TTL has passed since the answer was cached, no read may return it.
        await().atMost(Duration.ofSeconds(3)).until(() -> System.nanoTime() - cachedBy > CACHE_TTL.toNanos());
        status(publisher, id).expectBody().jsonPath("$.state").isEqualTo("DELIVERED");
    }

    private double cacheGets(String result) {
        return meters.get("cache.gets").tag("cache", "status").tag("result", result).functionCounter().count();
    }

    @Test
    void publishingToATopicFollowsThePushTopicsClaim() {
        String limited = TestTokens.mintWithTopics(publisherName, List.of("news.*"), "push.publish");
        http.post().uri("/api/v1/messages").header(HttpHeaders.AUTHORIZATION, "Bearer " + limited)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"topic\":\"alerts.x\",\"payload\":1}")
                .exchange().expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo("https://pushway.io/problems/forbidden");
        http.post().uri("/api/v1/messages").header(HttpHeaders.AUTHORIZATION, "Bearer " + limited)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"topic\":\"news.x\",\"payload\":1}")
                .exchange().expectStatus().isAccepted();
    }

    @Test
    void onlyThePublisherOrAnAdminSeesTheMessage() {
        String id = publish(List.of("gina"));

        status(TestTokens.mint("someone-else", "push.status"), id).expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        status(TestTokens.mint("ops", "push.admin"), id).expectStatus().isOk();
        status(TestTokens.mint(publisherName, "push.publish"), id).expectStatus().isForbidden();
        http.get().uri("/api/v1/messages/" + id).exchange().expectStatus().isUnauthorized();
    }

    @Test
    void unknownAndMalformedIdsAreNotFound() {
        status(publisher, MessageIds.next()).expectStatus().isNotFound()
                .expectBody().jsonPath("$.type").isEqualTo("https://pushway.io/problems/not-found");
        status(publisher, "..%2F..%2Fetc").expectStatus().is4xxClientError();
        status(publisher, "not-an-id").expectStatus().isNotFound();
    }

    @Test
    void recipientDetailIsPagedPastOneHundred() {
        List<String> recipients = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            recipients.add("page-" + i);
        }
        String id = publish(recipients);

        Map<?, ?> first = status(publisher, id).expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat((List<?>) first.get("recipients")).hasSize(100);
        assertThat(first.get("counts")).isEqualTo(Map.of("ACCEPTED", 150));
        assertThat(first.get("next")).isEqualTo("/api/v1/messages/" + id + "?offset=100&limit=100");

        http.get().uri((String) first.get("next")).header(HttpHeaders.AUTHORIZATION, "Bearer " + publisher)
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.recipients.length()").isEqualTo(50)
                .jsonPath("$.recipients[0].id").isEqualTo("page-100")
                .jsonPath("$.next").isEmpty();
        http.get().uri("/api/v1/messages/" + id + "?limit=1000")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + publisher)
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].path").isEqualTo("limit");
    }

    private String publish(List<String> recipients) {
        String list = String.join("\",\"", recipients);
        return (String) http.post().uri("/api/v1/messages")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + publisher)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"recipients\":[\"" + list + "\"],\"payload\":{\"n\":1}}")
                .exchange().expectStatus().isAccepted()
                .expectBody(Map.class).returnResult().getResponseBody().get("id");
    }

    private WebTestClient.ResponseSpec status(String token, String id) {
        return http.get().uri("/api/v1/messages/" + id)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange();
    }
}
