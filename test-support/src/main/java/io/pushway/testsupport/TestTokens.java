package io.pushway.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Mints RS256 access tokens signed with {@link TestKeys}, shaped like the local stack's tokens, and
 * {@linkplain #defective defective} ones that a resource server must refuse.
 */
public final class TestTokens {

    /** What is wrong with a {@linkplain #defective defective} token; each one must be answered with 401. */
    public enum Defect {
        /** Expired five minutes ago, beyond any clock skew allowance. */
        EXPIRED,
        /** {@code nbf} ten minutes in the future. */
        NOT_YET_VALID,
        /** RS256, but signed by a key the server does not know. */
        FORGED,
        /** {@code alg: none}, no signature. */
        ALG_NONE,
        /** HMAC (HS256) with a random secret instead of RSA. */
        HS256,
        /** Not a JWT at all. */
        MALFORMED
    }

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

    /** A token signed with {@code keys} whose {@code push_topics} claim lists {@code topics}. */
    public static String mintWithTopics(TestKeys keys, String subject, List<String> topics, String... scopes) {
        return mint(keys, subject, Duration.ofHours(1), Map.of("push_topics", topics), scopes);
    }

    /** A token for {@code subject} with the given scopes and {@code defect}; {@code keys} is the server's key. */
    public static String defective(TestKeys keys, Defect defect, String subject, String... scopes) {
        JWTClaimsSet.Builder claims = claims(subject, Duration.ofHours(1), Map.of(), scopes);
        return switch (defect) {
            case EXPIRED -> mint(keys, subject, Duration.ofMinutes(-5), scopes);
            case NOT_YET_VALID -> sign(claims.notBeforeTime(Date.from(Instant.now().plusSeconds(600))).build(),
                    JWSAlgorithm.RS256, new RSASSASigner(keys.jwtPrivateKey()));
            case FORGED -> sign(claims.build(), JWSAlgorithm.RS256, new RSASSASigner(otherKey()));
            case ALG_NONE -> unsigned(claims.build());
            case HS256 -> sign(claims.build(), JWSAlgorithm.HS256, hmacSigner());
            case MALFORMED -> "not.a.jwt";
        };
    }

    private static String mint(TestKeys keys, String subject, Duration lifetime, Map<String, Object> extra,
            String... scopes) {
        return sign(claims(subject, lifetime, extra, scopes).build(), JWSAlgorithm.RS256,
                new RSASSASigner(keys.jwtPrivateKey()));
    }

    private static JWTClaimsSet.Builder claims(String subject, Duration lifetime, Map<String, Object> extra,
            String... scopes) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder();
        extra.forEach(builder::claim);
        return builder
                .subject(subject)
                .issuer("pushway-test")
                .claim("scope", String.join(" ", scopes))
                .issueTime(Date.from(now.minusSeconds(1)))
                .expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString());
    }

    private static String sign(JWTClaimsSet claims, JWSAlgorithm algorithm, JWSSigner signer) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID("test").build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private static String unsigned(JWTClaimsSet claims) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return base64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + base64.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8)) + ".";
    }

    private static PrivateKey otherKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair().getPrivate();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JWSSigner hmacSigner() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        try {
            return new MACSigner(secret);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
