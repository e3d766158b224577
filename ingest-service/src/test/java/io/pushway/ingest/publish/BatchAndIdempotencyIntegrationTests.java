package io.pushway.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.pushway.ingest.IngestIntegrationTest;
import io.pushway.model.RedisKeys;
import io.pushway.testsupport.TestTokens;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

class BatchAndIdempotencyIntegrationTests extends IngestIntegrationTest {

    private final String publisher = TestTokens.mint("batcher-" + UUID.randomUUID(), "push.publish", "push.status");

    @Test
    void batchAnswersOneResultPerItemInOrder() {
        String body = "{\"messages\":["
                + "{\"recipients\":[\"a\"],\"payload\":{\"n\":0}},"
                + "{\"recipients\":[\"not valid\"],\"payload\":1},"
                + "{\"recipients\":[\"b\"],\"payload\":1,\"surprise\":true},"
                + "{\"recipients\":[\"c\",\"d\"],\"payload\":{\"n\":3},\"ttlSeconds\":60}]}";

        http.post().uri("/api/v1/messages/batch").header(HttpHeaders.AUTHORIZATION, "Bearer " + publisher)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.results.length()").isEqualTo(4)
                .jsonPath("$.results[0].status").isEqualTo(202)
                .jsonPath("$.results[0].state").isEqualTo("ACCEPTED")
                .jsonPath("$.results[1].status").isEqualTo(400)
                .jsonPath("$.results[1].problem.errors[0].path").isEqualTo("recipients[0]")
                .jsonPath("$.results[2].problem.errors[0].path").isEqualTo("surprise")
                .jsonPath("$.results[3].status").isEqualTo(202)
                .jsonPath("$.results[3].id").value(id -> assertThat(redis.hasKey(RedisKeys.message((String) id)).block()).isTrue());
    }

    @Test
    void batchLimitsAreEnforcedAsAWhole() {
        batch("{\"messages\":[]}").expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].path").isEqualTo("messages");
        String item = "{\"recipients\":[\"a\"],\"payload\":1}";
        batch("{\"messages\":[" + item + ("," + item).repeat(500) + "]}").expectStatus().isBadRequest();
        batch("{\"messages\":[" + item + "],\"more\":1}").expectStatus().isBadRequest();
        http.post().uri("/api/v1/messages/batch").header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.mint("x", "push.status"))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"messages\":[" + item + "]}")
                .exchange().expectStatus().isForbidden();
    }

    @Test
    void duplicateIdempotencyKeyReturnsFirstMessageId() {
        String key = "order-" + UUID.randomUUID();
        Map<?, ?> first = publish(key).expectStatus().isAccepted().expectBody(Map.class).returnResult().getResponseBody();
        Map<?, ?> again = publish(key).expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();

        assertThat(again.get("id")).isEqualTo(first.get("id"));
        assertThat(publish("other-" + key).expectStatus().isAccepted().expectBody(Map.class).returnResult()
                .getResponseBody().get("id")).isNotEqualTo(first.get("id"));
        publish("bad key with spaces").expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[0].path").isEqualTo("Idempotency-Key");
        publish("k".repeat(129)).expectStatus().isBadRequest();
    }

    @Test
    void concurrentDuplicatesPublishOnce() {
        String key = "race-" + UUID.randomUUID();
        List<Map<String, Object>> answers = Flux.range(0, 8)
                .flatMap(i -> Mono.fromCallable(() -> {
                    var result = publish(key).returnResult(Map.class);
                    return Map.<String, Object>of("status", result.getStatus().value(),
                            "id", String.valueOf(result.getResponseBody().blockFirst().get("id")));
                }).subscribeOn(reactor.core.scheduler.Schedulers.boundedElastic()), 8)
                .collectList().block();

        Set<Object> ids = new HashSet<>();
        List<Object> statuses = new ArrayList<>();
        for (Map<String, Object> answer : answers) {
            statuses.add(answer.get("status"));
            if (!answer.get("status").equals(409)) {
                ids.add(answer.get("id"));
            }
        }
        assertThat(statuses).isSubsetOf(202, 200, 409).containsOnlyOnce(202);
        assertThat(ids).hasSize(1);
        assertThat(publish(key).expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody().get("id"))
                .isEqualTo(ids.iterator().next());
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec publish(String key) {
        return http.post().uri("/api/v1/messages").header(HttpHeaders.AUTHORIZATION, "Bearer " + publisher)
                .header("Idempotency-Key", key).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"recipients\":[\"idem\"],\"payload\":{\"n\":1}}").exchange();
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec batch(String body) {
        return http.post().uri("/api/v1/messages/batch").header(HttpHeaders.AUTHORIZATION, "Bearer " + publisher)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }
}
