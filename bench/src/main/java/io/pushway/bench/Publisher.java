package io.pushway.bench;

import io.netty.handler.codec.http.HttpHeaderNames;
import java.nio.charset.StandardCharsets;
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

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client;
    private final String ingest;

    Publisher(Clients clients, String ingest, String token) {
        this.client = clients.publish().headers(h -> h.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + token)
                .set(HttpHeaderNames.CONTENT_TYPE, "application/json"));
        this.ingest = ingest;
    }

    /** One message; completes when answered (never with an error: failures are counted). */
    Mono<Void> single(String body, long intendedMicros, PublishStats stats) {
        return post("/api/v1/messages", body, 1, intendedMicros, stats);
    }

    /** A batch of {@code items} messages; completes when answered. */
    Mono<Void> batch(String body, int items, long intendedMicros, PublishStats stats) {
        return post("/api/v1/messages/batch", body, items, intendedMicros, stats);
    }

    private Mono<Void> post(String path, String body, int items, long intendedMicros, PublishStats stats) {
        return client.post().uri(ingest + path).send(ByteBufFlux.fromString(Mono.just(body)))
                .responseSingle((response, content) -> content.asString(StandardCharsets.UTF_8).defaultIfEmpty("")
                        .map(text -> accepted(response.status().code(), text, items)))
                .doOnNext(accepted -> stats.answered(intendedMicros, items, accepted))
                .onErrorResume(e -> {
                    stats.failed(intendedMicros, items, e);
                    return Mono.empty();
                })
                .then();
    }

    /** How many of the request's messages were accepted. */
    private static int accepted(int status, String body, int items) {
        if (status == 202) {
            return 1;
        }
        if (status != 200 || items == 1) {
            return 0;
        }
        int accepted = 0;
        for (JsonNode result : JSON.readTree(body).path("results")) {
            accepted += result.path("status").asInt() == 202 ? 1 : 0;
        }
        return accepted;
    }
}
