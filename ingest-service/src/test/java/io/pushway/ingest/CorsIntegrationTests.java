package io.pushway.ingest;

import io.pushway.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/** Browsers may call the API from the configured origins only. */
class CorsIntegrationTests extends IngestIntegrationTest {

    @Test
    void preflightFromAnAllowedOriginIsAnsweredAndOthersAreRefused() {
        http.options().uri("/api/v1/messages").header(HttpHeaders.ORIGIN, APP_ORIGIN)
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization,content-type,idempotency-key")
                .exchange().expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, APP_ORIGIN)
                .expectHeader().exists(HttpHeaders.ACCESS_CONTROL_MAX_AGE);
        http.options().uri("/api/v1/messages").header(HttpHeaders.ORIGIN, "https://evil.example")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .exchange().expectStatus().isForbidden()
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
    }

    @Test
    void actualCrossOriginCallsExposeTheHeadersClientsNeed() {
        http.post().uri("/api/v1/messages").header(HttpHeaders.ORIGIN, APP_ORIGIN)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.mint("web-app", "push.publish"))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"recipients\":[\"a\"],\"payload\":1}")
                .exchange().expectStatus().isAccepted()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, APP_ORIGIN)
                .expectHeader().value(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS,
                        exposed -> org.assertj.core.api.Assertions.assertThat(exposed).contains("Location"));
    }
}
