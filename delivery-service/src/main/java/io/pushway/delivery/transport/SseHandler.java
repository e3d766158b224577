package io.pushway.delivery.transport;

import io.pushway.delivery.inbox.EntryId;
import io.pushway.delivery.inbox.InboxEvent;
import io.pushway.delivery.session.Sessions;
import io.pushway.delivery.session.StreamOverflowException;
import io.pushway.model.Ids;
import io.pushway.web.Problems;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/v1/stream}: the token subject's events as Server-Sent Events. Event ids are inbox
 * entry ids; resume with {@code Last-Event-ID} (or {@code lastEventId}). A comment is sent at once
 * (so clients see the response headers immediately), then heartbeats. The stream ends with an
 * {@code event: reconnect} when the client is too slow or the replica shuts down.
 */
@Component
class SseHandler {

    private final Sessions sessions;
    private final Heartbeat heartbeat;
    private final StreamClosing closing;
    private final StreamProperties properties;

    SseHandler(Sessions sessions, Heartbeat heartbeat, StreamClosing closing, StreamProperties properties) {
        this.sessions = sessions;
        this.heartbeat = heartbeat;
        this.closing = closing;
        this.properties = properties;
    }

    Mono<ServerResponse> stream(ServerRequest request) {
        String lastEventId = request.headers().firstHeader("Last-Event-ID");
        if (lastEventId == null) {
            lastEventId = request.queryParam("lastEventId").orElse(null);
        }
        EntryId after;
        try {
            after = lastEventId == null || lastEventId.isEmpty() ? EntryId.ZERO : EntryId.parse(lastEventId);
        } catch (IllegalArgumentException e) {
            return problem(Problems.validation(List.of(new Problems.FieldError("Last-Event-ID", e.getMessage()))));
        }
        return request.principal().cast(Authentication.class).flatMap(auth -> Ids.isValid(auth.getName())
                ? ServerResponse.ok().contentType(MediaType.TEXT_EVENT_STREAM)
                        .header("Cache-Control", "no-cache, no-store")
                        .header("X-Accel-Buffering", "no")
                        .body(events(auth.getName(), after), ServerSentEvent.class)
                : problem(Problems.of(HttpStatus.FORBIDDEN, Problems.FORBIDDEN, "Forbidden",
                        "the token subject is not a valid recipient id")));
    }

    private Flux<ServerSentEvent<String>> events(String recipient, EntryId after) {
        Flux<ServerSentEvent<String>> events = sessions.open(recipient, after)
                .map(SseHandler::message)
                .takeUntilOther(closing.signal())
                .concatWith(Mono.fromSupplier(() -> reconnect("shutdown")))
                .onErrorResume(StreamOverflowException.class, e -> Mono.just(reconnect("slow-consumer")));
        return Flux.just(ServerSentEvent.<String>builder().comment("connected").build())
                .concatWith(events.publish(shared -> Flux.merge(shared,
                        heartbeat.comments().takeUntilOther(shared.ignoreElements()))));
    }

    private static ServerSentEvent<String> message(InboxEvent event) {
        return ServerSentEvent.<String>builder().id(event.entryId().toString()).event("message")
                .data(event.data()).build();
    }

    private ServerSentEvent<String> reconnect(String reason) {
        return ServerSentEvent.<String>builder().event("reconnect").retry(properties.reconnectDelay())
                .data("{\"reason\":\"" + reason + "\"}").build();
    }

    private static Mono<ServerResponse> problem(ProblemDetail problem) {
        return PollHandler.problem(problem);
    }

}
