package io.pushway.ingest.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.pushway.ingest.IngestIntegrationTest;
import io.pushway.testsupport.TestTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

/** A publisher past its budget gets 429 with Retry-After; others and admins are not affected. */
@TestPropertySource(properties = {"pushway.rate-limit.burst=3", "pushway.rate-limit.per-second=0.01"})
class RateLimitIntegrationTests extends IngestIntegrationTest {

    @Test
    void aPublisherPastItsBurstIsToldToWait() {
        String token = TestTokens.mint("busy-" + UUID.randomUUID(), "push.publish");
        List<Integer> statuses = new ArrayList<>();
        List<String> remaining = new ArrayList<>();
        org.springframework.test.web.reactive.server.EntityExchangeResult<String> last = null;
        for (int i = 0; i < 4; i++) {
            last = publish(token).expectBody(String.class).returnResult();
            statuses.add(last.getStatus().value());
            remaining.add(last.getResponseHeaders().getFirst("RateLimit-Remaining"));
        }

        // The bucket refills one token per 100 s: the fourth request finds it empty.
        assertThat(statuses).containsExactly(202, 202, 202, 429);
        assertThat(remaining).containsExactly("2", "1", "0", "0");
        assertThat(last.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).matches("[1-9]\\d*");
        assertThat(last.getResponseHeaders().getFirst("RateLimit-Limit")).isEqualTo("3");
        assertThat(last.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(last.getResponseBody()).contains("https://pushway.io/problems/rate-limited");
        publish(TestTokens.mint("calm-" + UUID.randomUUID(), "push.publish")).expectStatus().isAccepted();
        publish(TestTokens.mint("ops-" + UUID.randomUUID(), "push.publish", "push.admin")).expectStatus().isAccepted()
                .expectHeader().doesNotExist("RateLimit-Limit");
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec publish(String token) {
        return http.post().uri("/api/v1/messages").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"recipients\":[\"r\"],\"payload\":1}").exchange();
    }
}
