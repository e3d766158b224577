package io.pushway.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Mints RS256 access tokens as the tests' identity provider: issuer {@value #ISSUER}, audience
 * {@value #AUDIENCE}, signed with the {@link TestKeys} key (kid {@value #KID}) unless told otherwise.
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

    private TestTokens() {
    }

    /** A token for {@code subject} with the given scopes, valid for one hour. */
    public static String mint(String subject, String... scopes) {
        return sign(claims(subject, scopes).build());
    }

    /** A token for {@code subject} whose {@code push_topics} claim lists {@code topics}. */
    public static String mintWithTopics(String subject, List<String> topics, String... scopes) {
        return sign(claims(subject, scopes).claim("push_topics", topics).build());
    }

    /** A token signed with {@code keys}, valid for {@code lifetime} (negative: already expired). */
    public static String mint(TestKeys keys, String subject, Duration lifetime, String... scopes) {
        return sign(claims(subject, scopes).expirationTime(Date.from(Instant.now().plus(lifetime))).build(),
                new SigningKey(KID, keys.jwtPrivateKey()));
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
        return sign(claims, new SigningKey(KID, TestKeys.shared().jwtPrivateKey()));
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
}
