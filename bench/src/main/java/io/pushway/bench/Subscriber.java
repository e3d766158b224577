package io.pushway.bench;

import io.netty.handler.codec.http.HttpHeaderNames;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One SSE stream on its own connection, parsed as a WHATWG {@code EventSource} does (lines,
 * {@code event:}/{@code data:} fields, a blank line dispatches, {@code :} comments). Counts
 * {@code :hb} heartbeats; hands {@code message} events to {@link Subscribers#delivered}. All parsing
 * runs on the connection's event loop thread.
 */
final class Subscriber {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(60);

    private final int index;
    private final Subscribers owner;
    private final StringBuilder line = new StringBuilder();
    private final StringBuilder data = new StringBuilder();
    private final Sinks.One<Void> live = Sinks.one();
    private String event = "";
    private volatile int heartbeats;
    private volatile boolean wasLive;
    private volatile String ended;
    private Disposable connection;

    Subscriber(int index, Subscribers owner) {
        this.index = index;
        this.owner = owner;
    }

    /** Connects; completes when the {@code :subscribed} comment says every feed is live. */
    Mono<Void> open(HttpClient streams, String url, String token) {
        connection = streams.headers(h -> h.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + token)
                        .set(HttpHeaderNames.ACCEPT, "text/event-stream"))
                .get().uri(url)
                .response((response, body) -> response.status().code() == 200 ? body.asString(StandardCharsets.UTF_8)
                        : Flux.<String>error(new IllegalStateException("HTTP " + response.status().code())))
                .subscribe(chunk -> feed(chunk, Micros.now()), this::end, () -> end(null));
        return live.asMono().timeout(OPEN_TIMEOUT);
    }

    void close() {
        if (connection != null) {
            connection.dispose();
        }
    }

    int heartbeats() {
        return heartbeats;
    }

    /** Whether the stream is live now. */
    boolean live() {
        return wasLive && ended == null;
    }

    /** Whether the stream was live and has ended since. */
    boolean dropped() {
        return wasLive && ended != null;
    }

    private void end(Throwable error) {
        ended = error == null ? "closed by server" : error.toString();
        live.tryEmitError(new IllegalStateException("stream " + index + " ended: " + ended));
    }

    private void feed(String chunk, long receivedMicros) {
        for (int i = 0; i < chunk.length(); i++) {
            char c = chunk.charAt(i);
            if (c == '\n') {
                field(line.toString(), receivedMicros);
                line.setLength(0);
            } else if (c != '\r') {
                line.append(c);
            }
        }
    }

    private void field(String text, long receivedMicros) {
        if (text.isEmpty()) {
            dispatch(receivedMicros);
        } else if (text.startsWith(":")) {
            comment(text.substring(1).trim());
        } else if (text.startsWith("event:")) {
            event = text.substring(6).trim();
        } else if (text.startsWith("data:")) {
            data.append(data.isEmpty() ? "" : "\n").append(text.substring(text.startsWith("data: ") ? 6 : 5));
        }
    }

    private void comment(String comment) {
        if (comment.equals("hb")) {
            heartbeats++;
        } else if (comment.equals("subscribed")) {
            wasLive = true;
            live.tryEmitEmpty();
        }
    }

    private void dispatch(long receivedMicros) {
        if (event.equals("message") && !data.isEmpty()) {
            JsonNode payload = JSON.readTree(data.toString()).path("payload");
            owner.delivered(index, payload.path("b").asString(), payload.path("n").asLong(), payload.path("t").asLong(),
                    receivedMicros);
        } else if (event.equals("reconnect")) {
            ended = "reconnect event: " + data;
        }
        event = "";
        data.setLength(0);
    }
}
