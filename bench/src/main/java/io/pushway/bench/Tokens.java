package io.pushway.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * Mints RS256 access tokens with the stack's signing key ({@code KEYDIR/jwt/private.pem}, made by
 * {@code deploy/local/pki.sh}), with the claims of {@code deploy/local/token.sh}: sub, scope,
 * iss, iat, exp (2 h), jti. Subjects and scopes are plain id characters (no escaping). The issuer is a URL, as
 * real issuers are: Spring Security turns {@code iss} into a URL and pays for a thrown exception per
 * request when it is not one.
 */
final class Tokens {

    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();
    private static final String HEADER = encode("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"local\"}");

    private final PrivateKey key;

    Tokens(Path keysDir) {
        try {
            String pem = Files.readString(keysDir.resolve("jwt/private.pem"));
            byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
            key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IOException e) {
            throw new UncheckedIOException("no signing key in " + keysDir + "/jwt (run deploy/local/pki.sh)", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    String mint(String subject, String... scopes) {
        long now = System.currentTimeMillis() / 1000;
        String claims = encode("{\"sub\":\"" + subject + "\",\"scope\":\"" + String.join(" ", scopes)
                + "\",\"iss\":\"https://pushway.localhost\",\"iat\":" + now + ",\"exp\":" + (now + 7200)
                + ",\"jti\":\"" + UUID.randomUUID() + "\"}");
        String signed = HEADER + "." + claims;
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(signed.getBytes(StandardCharsets.US_ASCII));
            return signed + "." + BASE64.encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Subscriber tokens ({@code push.subscribe}) for {@code subjects}, signed on all cores. */
    List<String> subscribers(List<String> subjects) {
        return IntStream.range(0, subjects.size()).parallel()
                .mapToObj(i -> mint(subjects.get(i), "push.subscribe")).toList();
    }

    /** The publisher's token: publish and status, and {@code push.admin}, which the rate limit exempts. */
    String publisher() {
        return mint("bench-publisher", "push.publish", "push.status", "push.admin");
    }

    private static String encode(String json) {
        return BASE64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
