package io.pushway.system;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends a {@link Request} to the system stack: over HTTP/2 with java.net.http when that client can
 * carry the request unchanged, otherwise over HTTP/1.1 on a raw TLS socket ({@link RawHttp}). A
 * stream that answers with {@code text/event-stream} is closed at once: only its status and
 * headers are kept.
 */
final class Wire {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final SystemStack stack;
    private final HttpClient http2;
    private final AtomicInteger deliveryTurn = new AtomicInteger();

    Wire(SystemStack stack) {
        this.stack = stack;
        this.http2 = HttpClient.newBuilder().sslContext(stack.keys().clientSslContext())
                .version(HttpClient.Version.HTTP_2).connectTimeout(Duration.ofSeconds(5)).build();
    }

    Answer send(Request request) {
        int port = port(request.side());
        return request.needsRawSocket() || request.isWebSocket()
                ? RawHttp.exchange(stack.keys().clientSslContext(), port, request, TIMEOUT)
                : overHttp2(port, request);
    }

    private int port(Request.Side side) {
        return side == Request.Side.INGEST ? stack.ingest().port()
                : stack.deliveries().get(deliveryTurn.getAndIncrement() % 2).port();
    }

    private Answer overHttp2(int port, Request request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("https://localhost:" + port + request.target()))
                .timeout(TIMEOUT).method(request.method(), request.body() == null
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach(h -> builder.header(h.name(), h.value()));
        try {
            HttpResponse<InputStream> response = http2.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
            Map<String, List<String>> headers = new TreeMap<>();
            response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
            String body;
            try (InputStream in = response.body()) {
                boolean stream = response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream");
                body = stream ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            return new Answer("HTTP/2", response.statusCode(), headers, body, -1, "");
        } catch (IOException e) {
            return Answer.failed("HTTP/2", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
