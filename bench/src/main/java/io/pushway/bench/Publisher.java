package io.pushway.bench;

import io.netty.handler.codec.http.HttpHeaderNames;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes over HTTPS (HTTP/2) to {@code POST /api/v1/messages} and {@code /api/v1/messages/batch},
 * recording each request in a {@link PublishStats}: latency from the intended send time to the answer,
 * and how many messages were accepted (202) or not.
 */
final class Publisher {

    /** Messages per batch request of {@link #batches}. */
    static final int BATCH_ITEMS = 500;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient anonymous;
    private final HttpClient client;
    private final String ingest;

    Publisher(Clients clients, String ingest, String token) {
        this(clients.publish().headers(h -> h.set(HttpHeaderNames.CONTENT_TYPE, "application/json")), ingest, token);
    }

    private Publisher(HttpClient anonymous, String ingest, String token) {
        this.anonymous = anonymous;
        this.client = token == null ? anonymous
                : anonymous.headers(h -> h.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + token));
        this.ingest = ingest;
    }

    /** The same publisher without a token: ingest refuses every publish with 401. */
    Publisher withoutToken() {
        return new Publisher(anonymous, ingest, null);
    }

    /** Message {@code seq}; completes when answered (never with an error: failures are counted). */
    Mono<Void> single(String body, long seq, long intendedMicros, PublishStats stats) {
        stats.sending(1);
        return post("/api/v1/messages", body, seq, 1, intendedMicros, stats);
    }

    /** A batch of {@code items} messages numbered from {@code firstSeq}; completes when answered. */
    Mono<Void> batch(String body, long firstSeq, int items, long intendedMicros, PublishStats stats) {
        stats.sending(items);
        return post("/api/v1/messages/batch", body, firstSeq, items, intendedMicros, stats);
    }

    /**
     * Messages 0 … {@code total - 1} ({@code message} gives each one's JSON), in batches of
     * {@value #BATCH_ITEMS} with {@code inFlight} batches in flight, each sent as soon as one before it is
     * answered; completes when every batch is answered.
     */
    Mono<Void> batches(long total, int inFlight, LongFunction<String> message, PublishStats stats) {
        return Flux.range(0, (int) ((total + BATCH_ITEMS - 1) / BATCH_ITEMS)).flatMap(b -> {
            long first = (long) b * BATCH_ITEMS;
            List<String> messages = new ArrayList<>(BATCH_ITEMS);
            for (long seq = first; seq < Math.min(total, first + BATCH_ITEMS); seq++) {
                messages.add(message.apply(seq));
            }
            return batch(Payloads.batch(messages), first, messages.size(), Micros.now(), stats);
        }, inFlight).then();
    }

    private Mono<Void> post(String path, String body, long firstSeq, int items, long intendedMicros,
            PublishStats stats) {
        return client.post().uri(ingest + path).send(ByteBufFlux.fromString(Mono.just(body)))
                .responseSingle((response, content) -> content.asString(StandardCharsets.UTF_8).defaultIfEmpty("")
                        .doOnNext(text -> answered(response.status().code(), text, firstSeq, items, stats)))
                .doOnSuccess(text -> stats.answered(intendedMicros))
                .onErrorResume(e -> {
                    stats.failed(intendedMicros, items, e);
                    return Mono.empty();
                })
                .then();
    }

    /** Counts the answer's status and marks the messages it accepted (batch: item by item). */
    private static void answered(int status, String body, long firstSeq, int items, PublishStats stats) {
        if (status != 200 || items == 1) {
            stats.status(status, items);
            if (status == 202) {
                stats.accepted(firstSeq);
            }
            return;
        }
        int k = 0;
        for (JsonNode result : JSON.readTree(body).path("results")) {
            int itemStatus = result.path("status").asInt();
            stats.status(itemStatus, 1);
            if (itemStatus == 202) {
                stats.accepted(firstSeq + k);
            }
            k++;
        }
    }
}
