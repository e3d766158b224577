package io.pushway.ingest;

import io.pushway.testsupport.TestKeys;
import io.pushway.testsupport.TestTokens;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * Every token defect is a 401 problem with an RFC 6750 challenge: expired, not yet valid, signed by
 * another key, {@code alg: none}, HMAC instead of RSA, malformed, or with an empty payload.
 */
class TokenValidationIntegrationTests extends IngestIntegrationTest {

    private static final String BODY = "{\"recipients\":[\"a\"],\"payload\":1}";

    @Test
    void defectiveTokensAreRejectedWith401() {
        Map<String, String> defects = new LinkedHashMap<>();
        for (TestTokens.Defect defect : TestTokens.Defect.values()) {
            defects.put(defect.name(), TestTokens.defective(TestKeys.shared(), defect, "p", "push.publish"));
        }
        defects.put("empty payload", "eyJhbGciOiJSUzI1NiJ9..c2ln");

        defects.forEach((defect, token) -> http.post().uri("/api/v1/messages")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(BODY)
                .exchange().expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://pushway.io/problems/unauthorized")
                .jsonPath("$.detail").value(detail -> org.assertj.core.api.Assertions.assertThat((String) detail)
                        .as(defect).doesNotContain(token)));
    }

    @Test
    void responsesCarrySecurityHeaders() {
        http.post().uri("/api/v1/messages").header(HttpHeaders.AUTHORIZATION, "Bearer "
                        + TestTokens.mint("backend", "push.publish"))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(BODY)
                .exchange().expectStatus().isAccepted()
                .expectHeader().valueMatches("Strict-Transport-Security", "max-age=\\d+ ; includeSubDomains")
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader().valueEquals("X-Frame-Options", "DENY")
                .expectHeader().valueMatches(HttpHeaders.CACHE_CONTROL, ".*no-store.*");
    }
}
