package io.pushway.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Mints RS256 access tokens as the tests' identity provider: issuer {@value #ISSUER}, audience
 * {@value #AUDIENCE}, signed with the {@link TestKeys} key (kid {@value #KID}) unless told otherwise;
 * and {@linkplain #defective defective} ones that a resource server must refuse.
 */
public final class TestTokens {

    /** The issuer the integration tests require ({@code issuer-uri}). */
    public static final String ISSUER = "https://id.pushway.test";
    /** The audience the integration tests require ({@code audiences}). */
    public static final String AUDIENCE = "pushway";
    /** The key id of the {@link TestKeys} token key. */
    public static final String KID = "test";

    /** A private key and the kid its public half is published under. */
    public record SigningKey(String kid, RSAPrivateKey key) {
    }

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
        return sign(claims(subject, scopes).build());
    }

    /** A token for {@code subject} whose {@code push_topics} claim lists {@code topics}. */
    public static String mintWithTopics(String subject, List<String> topics, String... scopes) {
        return mintWithTopics(TestKeys.shared(), subject, topics, scopes);
    }

    /** A token signed with {@code keys} whose {@code push_topics} claim lists {@code topics}. */
    public static String mintWithTopics(TestKeys keys, String subject, List<String> topics, String... scopes) {
        return sign(claims(subject, scopes).claim("push_topics", topics).build(), key(keys));
    }

    /** A token signed with {@code keys}, valid for {@code lifetime} (negative: already expired). */
    public static String mint(TestKeys keys, String subject, Duration lifetime, String... scopes) {
        Instant now = Instant.now();
        Instant expires = now.plus(lifetime);
        return sign(claims(subject, scopes).issueTime(Date.from(expires.isBefore(now) ? expires.minusSeconds(3600) : now))
                .expirationTime(Date.from(expires)).build(), key(keys));
    }

    /** A token for {@code subject} with the given scopes and {@code defect}; {@code keys} is the server's key. */
    public static String defective(TestKeys keys, Defect defect, String subject, String... scopes) {
        JWTClaimsSet.Builder claims = claims(subject, scopes);
        return switch (defect) {
            case EXPIRED -> mint(keys, subject, Duration.ofMinutes(-5), scopes);
            case NOT_YET_VALID -> sign(claims.notBeforeTime(Date.from(Instant.now().plusSeconds(600))).build(), key(keys));
            case FORGED -> sign(claims.build(), new SigningKey(KID, randomKey()));
            case ALG_NONE -> unsigned(claims.build());
            case HS256 -> hmac(claims.build(), randomSecret());
            case MALFORMED -> "not.a.jwt";
        };
    }

    /** The claims of a valid token (one hour), to adjust before {@link #sign signing}. */
    public static JWTClaimsSet.Builder claims(String subject, String... scopes) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .subject(subject)
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .claim("scope", String.join(" ", scopes))
                .issueTime(Date.from(now.minusSeconds(1)))
                .expirationTime(Date.from(now.plusSeconds(3600)))
                .jwtID(UUID.randomUUID().toString());
    }

    /** Signs {@code claims} with the {@link TestKeys} key. */
    public static String sign(JWTClaimsSet claims) {
        return sign(claims, key(TestKeys.shared()));
    }

    /** Signs {@code claims} with RS256 and {@code key}, naming its kid in the header. */
    public static String sign(JWTClaimsSet claims, SigningKey key) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.kid()).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key.key()));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    /** {@code claims} with {@code alg: none} and no signature. */
    public static String unsigned(JWTClaimsSet claims) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return base64.encodeToString(("{\"alg\":\"none\",\"kid\":\"" + KID + "\"}").getBytes(StandardCharsets.UTF_8)) + "."
                + base64.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8)) + ".";
    }

    /** {@code claims} signed with HS256 and {@code secret}, naming the RSA key's kid. */
    public static String hmac(JWTClaimsSet claims, byte[] secret) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(KID).build(), claims);
        try {
            jwt.sign(new MACSigner(secret));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    /** A fresh RSA key no server knows. */
    public static RSAPrivateKey randomKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return (RSAPrivateKey) generator.generateKeyPair().getPrivate();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** 32 random bytes, an HMAC secret. */
    public static byte[] randomSecret() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return secret;
    }

    private static SigningKey key(TestKeys keys) {
        return new SigningKey(KID, keys.jwtPrivateKey());
    }
}
