package io.pushway.testsupport;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;

/**
 * A test subscriber of {@code GET /api/v1/stream} over HTTPS: collects named events in a queue
 * (id-only blocks, which only move the cursor, are skipped) and counts comments (heartbeats). {@link #awaitConnected} returns once the first comment arrived,
 * i.e. the server has set the stream up.
 */
public final class SseStream implements AutoCloseable {

    private static final ParameterizedTypeReference<ServerSentEvent<String>> SSE = new ParameterizedTypeReference<>() { };

    private final BlockingQueue<ServerSentEvent<String>> events = new LinkedBlockingQueue<>();
    private final CountDownLatch connected = new CountDownLatch(1);
    private final AtomicInteger comments = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Disposable subscription;
    private volatile boolean ended;

    private SseStream(TestKeys keys, String url, Consumer<HttpHeaders> headers) {
        WebClient.RequestHeadersSpec<?> request = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(TestClients.httpClient(keys))).build()
                .get().uri(url).accept(MediaType.TEXT_EVENT_STREAM)
                .headers(h -> h.set(HttpHeaders.CACHE_CONTROL, "no-cache"))
                .headers(headers);
        subscription = request.retrieve().bodyToFlux(SSE).subscribe(event -> {
            if (event.event() == null && event.comment() != null) {
                comments.incrementAndGet();
                connected.countDown();
            } else if (event.event() != null) {
                events.add(event);
            }
        }, failure::set, () -> ended = true);
    }

    /** Opens a stream at {@code url} (e.g. {@code https://localhost:9443/api/v1/stream}). */
    public static SseStream open(String url, String token, String lastEventId) {
        return open(TestKeys.shared(), url, token, lastEventId);
    }

    /** Opens a stream on a server whose certificate was issued by the CA of {@code keys}. */
    public static SseStream open(TestKeys keys, String url, String token, String lastEventId) {
        return new SseStream(keys, url, headers -> {
            if (token != null) {
                headers.setBearerAuth(token);
            }
            if (lastEventId != null) {
                headers.set("Last-Event-ID", lastEventId);
            }
        });
    }

    /** Opens a stream at {@code url} with the request headers {@code headers} sets (e.g. a cookie). */
    public static SseStream open(String url, Consumer<HttpHeaders> headers) {
        return new SseStream(TestKeys.shared(), url, headers);
    }

    /** Waits until the server's first comment arrived. */
    public SseStream awaitConnected(Duration timeout) throws InterruptedException {
        if (!connected.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("stream not connected within " + timeout + "; events: " + events
                    + (ended ? " (the stream ended)" : ""), failure.get());
        }
        return this;
    }

    /** The next named event, or {@code null} after {@code timeout}. */
    public ServerSentEvent<String> next(Duration timeout) throws InterruptedException {
        return events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Comments (the connect comment and heartbeats) received so far. */
    public int comments() {
        return comments.get();
    }

    @Override
    public void close() {
        subscription.dispose();
    }
}
