package io.pushway.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import io.pushway.testsupport.JwksServer;
import io.pushway.testsupport.TestKeys;
import io.pushway.testsupport.TestTokens;
import io.pushway.testsupport.TestTokens.SigningKey;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.web.server.WebFilterChainProxy;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

/**
 * Tokens are checked as configured for production here: keys from a JWK Set endpoint (new kids are
 * picked up), issuer and audience required, RS256 only, 60 s of clock skew. Every defect is a 401
 * problem with an RFC 6750 challenge.
 */
class TokenValidationIntegrationTests extends IngestIntegrationTest {

    @Autowired
    private ApplicationContext context;

    private static final String BODY = "{\"recipients\":[\"a\"],\"payload\":1}";

    @Test
    void defectiveTokensAreRejectedWith401() {
        Map<String, String> defects = new LinkedHashMap<>();
        defects.put("expired beyond the skew",
                TestTokens.sign(claims().issueTime(secondsFromNow(-600)).expirationTime(secondsFromNow(-90)).build()));
        defects.put("not yet valid beyond the skew", TestTokens.sign(claims().notBeforeTime(secondsFromNow(90)).build()));
        defects.put("forged (unknown key, known kid)", TestTokens.sign(claims().build(), new SigningKey(TestTokens.KID, TestTokens.randomKey())));
        defects.put("unknown kid", TestTokens.sign(claims().build(), new SigningKey("unknown", TestTokens.randomKey())));
        defects.put("wrong issuer", TestTokens.sign(claims().issuer("https://evil.example").build()));
        defects.put("no issuer", TestTokens.sign(claims().issuer(null).build()));
        defects.put("wrong audience", TestTokens.sign(claims().audience("someone-else").build()));
        defects.put("no audience", TestTokens.sign(claims().audience((String) null).build()));
        defects.put("alg none", TestTokens.unsigned(claims().build()));
        defects.put("HS256 with a random secret", TestTokens.hmac(claims().build(), TestTokens.randomSecret()));
        defects.put("HS256 keyed with the public key", TestTokens.hmac(claims().build(), TestKeys.shared().jwtPublicKeyValue().getEncoded()));
        defects.put("malformed", "not.a.jwt");
        defects.put("empty payload", "eyJhbGciOiJSUzI1NiJ9..c2ln");

        defects.forEach((defect, token) -> publish(token).expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://pushway.io/problems/unauthorized")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).as(defect).doesNotContain(token)));
    }

    @Test
    void aMalformedBearerHeaderIsAnInvalidTokenAndAnotherSchemeIsNoToken() {
        for (String header : new String[] {"Bearer", "Bearer  " + TestTokens.mint("backend", "push.publish"), "Bearer a b",
                "bearer:" + TestTokens.mint("backend", "push.publish")}) {
            publishWithHeader(header).expectStatus().isUnauthorized()
                    .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
        }
        publishWithHeader("Basic dXNlcjpwYXNz").expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        publishWithHeader("bEaReR " + TestTokens.mint("backend", "push.publish")).expectStatus().isAccepted();
    }

    @Test
    void theSecurityChainChecksRequestsWithPushwaysFirewall() {
        assertThat(ReflectionTestUtils.getField(context.getBean(WebFilterChainProxy.class), "firewall"))
                .isSameAs(context.getBean(ServerWebExchangeFirewall.class));
    }

    @Test
    void clockSkewUpToAMinuteIsTolerated() {
        publish(TestTokens.sign(claims().issueTime(secondsFromNow(-600)).expirationTime(secondsFromNow(-30)).build()))
                .expectStatus().isAccepted();
        publish(TestTokens.sign(claims().notBeforeTime(secondsFromNow(30)).build())).expectStatus().isAccepted();
    }

    @Test
    void aKeyTheProviderRotatesInIsPickedUpWithoutRestart() {
        publish(TestTokens.mint("backend", "push.publish")).expectStatus().isAccepted();
        int fetches = JwksServer.shared().fetches();

        SigningKey rotated = JwksServer.shared().rotate();

        publish(TestTokens.sign(claims().build(), rotated)).expectStatus().isAccepted();
        assertThat(JwksServer.shared().fetches()).isGreaterThan(fetches);
        publish(TestTokens.mint("backend", "push.publish")).expectStatus().isAccepted();
    }

    @Test
    void responsesCarrySecurityHeaders() {
        publish(TestTokens.mint("backend", "push.publish")).expectStatus().isAccepted()
                .expectHeader().valueMatches("Strict-Transport-Security", "max-age=\\d+ ; includeSubDomains")
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader().valueEquals("X-Frame-Options", "DENY")
                .expectHeader().valueMatches(HttpHeaders.CACHE_CONTROL, ".*no-store.*");
    }

    private ResponseSpec publish(String token) {
        return publishWithHeader("Bearer " + token);
    }

    private ResponseSpec publishWithHeader(String authorization) {
        return http.post().uri("/api/v1/messages").header(HttpHeaders.AUTHORIZATION, authorization)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(BODY).exchange();
    }

    private static JWTClaimsSet.Builder claims() {
        return TestTokens.claims("p", "push.publish");
    }

    private static Date secondsFromNow(long seconds) {
        return Date.from(Instant.now().plusSeconds(seconds));
    }
}
