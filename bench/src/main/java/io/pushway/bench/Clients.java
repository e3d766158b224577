package io.pushway.bench;

import io.netty.handler.ssl.SslContextBuilder;
import java.nio.file.Path;
import java.time.Duration;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.Http2SslContextSpec;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;
import reactor.netty.tcp.SslProvider.GenericSslContextSpec;

/**
 * The bench's non-blocking HTTP clients on two event-loop threads, trusting only the stack's CA:
 * HTTP/2 over TLS for publishing (streams multiplexed over a few connections, as a backend would),
 * HTTP/1.1 with one TCP connection per SSE stream (as browsers open {@code EventSource}s), and plain
 * HTTP for the management ports.
 */
final class Clients implements AutoCloseable {

    /**
     * Not colocated: Reactor Netty's default puts a connection opened from an event-loop thread on that
     * same thread, so every stream opened from a response's callback ended up on one of the two threads,
     * and one thread read all 10,000 streams of the fan-out (docs/performance.md, twenty-first session).
     */
    private final LoopResources loops = LoopResources.create("bench", 1, 2, true, false);
    private final ConnectionProvider publishPool = ConnectionProvider.builder("bench-publish")
            .maxConnections(16).pendingAcquireMaxCount(-1).pendingAcquireTimeout(Duration.ofSeconds(60)).build();
    private final ConnectionProvider managementPool = ConnectionProvider.create("bench-management", 4);
    private final HttpClient publish;
    private final HttpClient streams;
    private final HttpClient management;

    Clients(Path caCertificate) {
        var ca = caCertificate.toFile();
        publish = HttpClient.create(publishPool).runOn(loops).protocol(HttpProtocol.H2)
                .secure(spec -> spec.sslContext((GenericSslContextSpec<?>) Http2SslContextSpec.forClient()
                        .configure(b -> trust(b, ca))))
                .responseTimeout(Duration.ofSeconds(30));
        streams = HttpClient.newConnection().runOn(loops)
                .secure(spec -> spec.sslContext((GenericSslContextSpec<?>) Http11SslContextSpec.forClient()
                        .configure(b -> trust(b, ca))).handshakeTimeout(Duration.ofSeconds(30)));
        management = HttpClient.create(managementPool).runOn(loops).responseTimeout(Duration.ofSeconds(10));
    }

    private static SslContextBuilder trust(SslContextBuilder builder, java.io.File ca) {
        return builder.trustManager(ca);
    }

    HttpClient publish() {
        return publish;
    }

    HttpClient streams() {
        return streams;
    }

    HttpClient management() {
        return management;
    }

    @Override
    public void close() {
        publishPool.dispose();
        managementPool.dispose();
        loops.dispose();
    }
}
