package io.pushway.testsupport;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.time.Duration;
import javax.net.ssl.SSLException;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.netty.http.client.HttpClient;

/** HTTPS clients for tests, trusting only the test CA of {@link TestKeys}. */
public final class TestClients {

    private TestClients() {
    }

    /** A {@link WebTestClient} for {@code https://localhost:port}. */
    public static WebTestClient https(int port) {
        return WebTestClient.bindToServer(new ReactorClientHttpConnector(httpClient()))
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
        try {
            SslContext ssl = SslContextBuilder.forClient()
                    .trustManager(keys.caCertificate().toFile()).build();
            return HttpClient.create().secure(spec -> spec.sslContext(ssl));
        } catch (SSLException e) {
            throw new IllegalStateException(e);
        }
    }
}
