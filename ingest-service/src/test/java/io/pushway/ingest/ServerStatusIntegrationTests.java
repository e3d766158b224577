package io.pushway.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.pushway.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** GET /api/v1/status: state and version for anyone, details for push.admin only. */
class ServerStatusIntegrationTests extends IngestIntegrationTest {

    @Test
    void anyoneSeesStateAndVersionButNoDetails() {
        http.get().uri("/api/v1/status").exchange()
                .expectStatus().isOk()
                .expectHeader().cacheControl(CacheControl.noStore())
                .expectBody()
                .jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.version").value(v -> assertThat((String) v)
                        .matches("\\d+\\.\\d+.*"))
                .jsonPath("$.details").doesNotExist();
    }

    @Test
    void aTokenWithoutAdminScopeSeesNoDetails() {
        status(TestTokens.mint("backend", "push.publish", "push.status"))
                .expectStatus().isOk().expectBody().jsonPath("$.details").doesNotExist();
    }

    @Test
    void anInvalidTokenIsRefusedRatherThanIgnored() {
        http.get().uri("/api/v1/status").header(HttpHeaders.AUTHORIZATION, "Bearer not-a-token").exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void adminSeesDependenciesWithLatencyAndThePublishRate() {
        http.post().uri("/api/v1/messages")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.mint("backend", "push.publish"))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"recipients\":[\"ivy\"],\"payload\":{}}")
                .exchange().expectStatus().isAccepted();

        status(TestTokens.mint("operator", "push.admin")).expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.details.service").isEqualTo("ingest-service")
                .jsonPath("$.details.uptimeSeconds").isNumber()
                .jsonPath("$.details.dependencies.redis.status").isEqualTo("UP")
                .jsonPath("$.details.dependencies.redis.latencyMs").isNumber()
                .jsonPath("$.details.dependencies.kafka.status").isEqualTo("UP")
                .jsonPath("$.details.dependencies.kafka.latencyMs").isNumber()
                .jsonPath("$.details.ratesPerSecond.published").value(rate ->
                        assertThat(((Number) rate).doubleValue()).isPositive())
                .jsonPath("$.details.activeStreams").doesNotExist();
    }

    private WebTestClient.ResponseSpec status(String token) {
        return http.get().uri("/api/v1/status").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange();
    }
}
