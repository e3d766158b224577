package io.pushway.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Mints RS256 access tokens signed with {@link TestKeys}, shaped like the local stack's tokens. */
public final class TestTokens {

    private TestTokens() {
    }

    /** A token for {@code subject} with the given scopes, valid for one hour. */
    public static String mint(String subject, String... scopes) {
        return mint(TestKeys.shared(), subject, Duration.ofHours(1), scopes);
    }

    /** A token for {@code subject} whose {@code push_topics} claim lists {@code topics}. */
    public static String mintWithTopics(String subject, List<String> topics, String... scopes) {
        return mint(TestKeys.shared(), subject, Duration.ofHours(1), Map.of("push_topics", topics), scopes);
    }

    /** A token signed with {@code keys}, valid for {@code lifetime} (negative: already expired). */
    public static String mint(TestKeys keys, String subject, Duration lifetime, String... scopes) {
        return mint(keys, subject, lifetime, Map.of(), scopes);
    }

    private static String mint(TestKeys keys, String subject, Duration lifetime, Map<String, Object> extra,
            String... scopes) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder();
        extra.forEach(builder::claim);
        JWTClaimsSet claims = builder
                .subject(subject)
                .issuer("pushway-test")
                .claim("scope", String.join(" ", scopes))
                .issueTime(Date.from(now.minusSeconds(1)))
                .expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("test").build(), claims);
        try {
            jwt.sign(new RSASSASigner(keys.jwtPrivateKey()));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
