package io.pushway.testsupport;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.time.Duration;
import javax.net.ssl.SSLException;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/** HTTPS clients for tests, trusting only the test CA of {@link TestKeys}. */
public final class TestClients {

    private TestClients() {
    }

    /**
     * A {@link WebTestClient} for {@code https://localhost:port}, opening a connection per request so
     * no test depends on a connection another test left in the pool.
     */
    public static WebTestClient https(int port) {
        return WebTestClient.bindToServer(new ReactorClientHttpConnector(unpooledHttpClient(TestKeys.shared())))
                .baseUrl("https://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(20))
                .build();
    }

    /** A Reactor Netty client that trusts the shared test CA. */
    public static HttpClient httpClient() {
        return httpClient(TestKeys.shared());
    }

    /** A Reactor Netty client that trusts the CA of {@code keys}. */
    public static HttpClient httpClient(TestKeys keys) {
        SslContext ssl = sslContext(keys);
        return HttpClient.create().secure(spec -> spec.sslContext(ssl));
    }

    /**
     * A Reactor Netty client that trusts the CA of {@code keys} and opens a connection (and a TLS
     * handshake) per request, as that many separate clients would.
     */
    public static HttpClient unpooledHttpClient(TestKeys keys) {
        SslContext ssl = sslContext(keys);
        return HttpClient.create(ConnectionProvider.newConnection()).secure(spec -> spec.sslContext(ssl));
    }

    private static SslContext sslContext(TestKeys keys) {
        try {
            return SslContextBuilder.forClient().trustManager(keys.caCertificate().toFile()).build();
        } catch (SSLException e) {
            throw new IllegalStateException(e);
        }
    }
}
