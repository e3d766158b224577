package io.pushway.testsupport;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An identity provider's JWK Set endpoint on a loopback port ({@code GET /jwks}), as the services
 * reach it in production through {@code jwk-set-uri}. It publishes the {@link TestKeys} token key as
 * kid {@value TestTokens#KID}; {@link #rotate()} publishes one more, as a provider does when it
 * rolls its keys.
 */
public final class JwksServer {

    private static JwksServer shared;

    private final List<RSAKey> published = new CopyOnWriteArrayList<>();
    private final AtomicInteger fetches = new AtomicInteger();
    private final HttpServer server;

    private JwksServer(RSAKey first) throws IOException {
        published.add(first);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/jwks", exchange -> {
            fetches.incrementAndGet();
            byte[] body = new JWKSet(List.copyOf(published)).toString(true).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/jwk-set+json");
            exchange.sendResponseHeaders(200, body.length);
            try (var out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    /** The JVM-wide server, started on first use. */
    public static synchronized JwksServer shared() {
        if (shared == null) {
            TestKeys keys = TestKeys.shared();
            try {
                shared = new JwksServer(jwk(keys.jwtPublicKeyValue(), TestTokens.KID));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> shared.server.stop(0)));
        }
        return shared;
    }

    /** The JWK Set URI to configure. */
    public String uri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks";
    }

    /** How many times the key set has been fetched. */
    public int fetches() {
        return fetches.get();
    }

    /** Publishes a new key pair under a new kid and returns it, for signing tokens. */
    public TestTokens.SigningKey rotate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            String kid = "rotated-" + UUID.randomUUID();
            published.add(jwk((RSAPublicKey) pair.getPublic(), kid));
            return new TestTokens.SigningKey(kid, (RSAPrivateKey) pair.getPrivate());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey jwk(RSAPublicKey key, String kid) {
        return new RSAKey.Builder(key).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).build();
    }
}
