package io.pushway.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.pushway.testsupport.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

/**
 * The security chain decodes tokens through the cache of verified tokens (pushway.token-cache.*,
 * 60 s by default): a reused token is answered from it, and a cached token is still refused the
 * moment it expires, long before the cache would drop it.
 */
class TokenCacheIntegrationTests extends IngestIntegrationTest {

    @Autowired
    private MeterRegistry meters;

    @Test
    void aReusedTokenIsAnsweredFromTheCache() {
        String token = TestTokens.mint("token-cache", "push.publish");
        publish(token).expectStatus().isAccepted();
        double hits = hits();

        publish(token).expectStatus().isAccepted();

        assertThat(hits()).isGreaterThan(hits);
    }

    @Test
    void aCachedTokenIsRefusedOnceItExpires() {
        // Expired 50 s ago: accepted for 10 s more, within the 60 s of clock skew.
        Instant now = Instant.now();
        String token = TestTokens.sign(TestTokens.claims("token-cache", "push.publish")
                .issueTime(Date.from(now.minusSeconds(600))).expirationTime(Date.from(now.minusSeconds(50))).build());
        publish(token).expectStatus().isAccepted();
        double hits = hits();

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> publish(token).expectStatus().isUnauthorized()
                        .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\""));

        assertThat(hits()).as("the token was answered from the cache until it expired").isGreaterThan(hits);
    }

    private double hits() {
        return meters.get("cache.gets").tags("cache", "token", "result", "hit").functionCounter().count();
    }

    private ResponseSpec publish(String token) {
        return http.post().uri("/api/v1/messages").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"recipients\":[\"a\"],\"payload\":1}").exchange();
    }
}
