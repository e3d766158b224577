package io.pushway.ingest;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.pushway.testsupport.TestTokens;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * Every token defect is a 401 problem with an RFC 6750 challenge: expired, not yet valid, signed by
 * another key, {@code alg: none}, HMAC instead of RSA, malformed, or sent twice.
 */
class TokenValidationIntegrationTests extends IngestIntegrationTest {

    private static final String BODY = "{\"recipients\":[\"a\"],\"payload\":1}";

    @Test
    void defectiveTokensAreRejectedWith401() throws Exception {
        Map<String, String> defects = new LinkedHashMap<>();
        defects.put("expired", TestTokens.mint(io.pushway.testsupport.TestKeys.shared(), "p",
                java.time.Duration.ofMinutes(-5), "push.publish"));
        defects.put("not yet valid", signed(claims().notBeforeTime(Date.from(Instant.now().plusSeconds(600))).build(), null));
        defects.put("forged", signed(claims().build(), otherKey()));
        defects.put("alg none", unsigned(claims().build()));
        defects.put("HS256", hmac(claims().build()));
        defects.put("malformed", "not.a.jwt");
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

    private static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder().subject("p").claim("scope", "push.publish")
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(600)));
    }

    private static String signed(JWTClaimsSet claims, java.security.interfaces.RSAPrivateKey key) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        jwt.sign(new RSASSASigner(key != null ? key : io.pushway.testsupport.TestKeys.shared().jwtPrivateKey()));
        return jwt.serialize();
    }

    private static java.security.interfaces.RSAPrivateKey otherKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return (java.security.interfaces.RSAPrivateKey) generator.generateKeyPair().getPrivate();
    }

    private static String unsigned(JWTClaimsSet claims) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8)) + ".";
    }

    private static String hmac(JWTClaimsSet claims) throws Exception {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(secret));
        return jwt.serialize();
    }
}
