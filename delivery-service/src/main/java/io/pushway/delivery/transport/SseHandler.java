package io.pushway.delivery.transport;

import io.pushway.delivery.metrics.DeliveryMetrics;
import io.pushway.delivery.metrics.DeliveryMetrics.Transport;
import io.pushway.delivery.session.FeedEvent;
import io.pushway.delivery.session.Sessions;
import io.pushway.delivery.session.StreamLimits;
import io.pushway.delivery.session.StreamOverflowException;
import io.pushway.web.ProblemResponses;
import io.pushway.web.ServiceUnavailableException;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * {@code GET /api/v1/stream}: the token subject's inbox and the topics of {@code topics=a,b} as
 * Server-Sent Events. Event ids are {@link io.pushway.delivery.session.Cursor}s (with the inbox
 * alone, its entry ids); resume with {@code Last-Event-ID} (or {@code lastEventId}). A
 * {@code :subscribed} comment comes as soon as every feed is live, then heartbeats. The stream ends
 * with an {@code event: reconnect} when the client stalls, the replica shuts down or Redis becomes
 * unavailable; if Redis is unavailable when the stream opens, the answer is a 503 problem with
 * {@code Retry-After} instead of a stream.
 */
@Component
class SseHandler {

    private final Sessions sessions;
    private final Heartbeat heartbeat;
    private final StreamClosing closing;
    private final StreamProperties properties;
    private final StreamLimits limits;
    private final DeliveryMetrics metrics;

    SseHandler(Sessions sessions, Heartbeat heartbeat, StreamClosing closing, StreamProperties properties,
            StreamLimits limits, DeliveryMetrics metrics) {
        this.limits = limits;
        this.metrics = metrics;
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
        String resumeFrom = lastEventId;
        return request.principal().cast(Authentication.class).flatMap(caller -> {
            StreamRequest.Parsed parsed = StreamRequest.parse(caller, request.queryParam("topics").orElse(null), resumeFrom);
            if (parsed instanceof StreamRequest.Invalid invalid) {
                return ProblemResponses.of(invalid.problem());
            }
            StreamRequest stream = ((StreamRequest.Valid) parsed).request();
            StreamLimits.Admission admission = limits.tryOpen(caller.getName());
            if (admission == StreamLimits.Admission.USER_LIMIT) {
                return ProblemResponses.of(StreamRequest.tooManyStreams());
            }
            if (admission == StreamLimits.Admission.REPLICA_FULL) {
                return Mono.error(StreamRequest.replicaFull());
            }
            return ServerResponse.ok().contentType(MediaType.TEXT_EVENT_STREAM)
                    .header("Cache-Control", "no-cache, no-store")
                    .header("X-Accel-Buffering", "no")
                    .body(events(stream)
                            .doOnSubscribe(subscription -> metrics.streamOpened(Transport.SSE))
                            .doFinally(signal -> {
                                limits.closed(caller.getName());
                                metrics.streamClosed(Transport.SSE);
                            }), ServerSentEvent.class);
        });
    }

    private Flux<ServerSentEvent<String>> events(StreamRequest stream) {
        Flux<ServerSentEvent<String>> events = sessions.open(stream.feeds(), stream.cursor())
                .filter(emitted -> !(emitted.event() instanceof FeedEvent.Start))
                .map(SseHandler::event)
                .takeUntilOther(closing.signal())
                .concatWith(Mono.fromSupplier(() -> reconnect("shutdown")))
                .onErrorResume(StreamOverflowException.class, e -> Mono.just(reconnect("stalled")))
                .switchOnFirst((first, all) -> first.isOnError() ? all
                        : all.onErrorResume(ServiceUnavailableException.class, e -> Mono.just(reconnect("unavailable"))));
        // Heartbeats while no event is sent (the :subscribed comment is not one), until the events end (a
        // sink, not publish(): that holds a queue of 256 per stream).
        AtomicLong lastSent = new AtomicLong(Long.MIN_VALUE / 2);
        Sinks.Empty<Void> ended = Sinks.empty();
        return Flux.merge(events.doOnNext(sse -> {
                            if (sse.event() != null) {
                                lastSent.lazySet(heartbeat.now());
                            }
                        })
                        .doFinally(signal -> ended.tryEmitEmpty()),
                heartbeat.comments(lastSent::get).takeUntilOther(ended.asMono()));
    }

    /**
     * A message or gap as a named event; "all feeds live" as the {@code :subscribed} comment with the
     * cursor as id (the block moves Last-Event-ID without firing an event).
     */
    private static ServerSentEvent<String> event(FeedEvent.Emitted emitted) {
        ServerSentEvent.Builder<String> sse = ServerSentEvent.<String>builder().id(emitted.cursor().toString());
        if (emitted.event() instanceof FeedEvent.Message message) {
            sse.event("message").data(message.event().data());
        } else if (emitted.event() instanceof FeedEvent.Gap gap) {
            sse.event("gap").data(Frames.gap(gap));
        } else {
            sse.comment("subscribed");
        }
        return sse.build();
    }

    private ServerSentEvent<String> reconnect(String reason) {
        return ServerSentEvent.<String>builder().event("reconnect").retry(properties.reconnectDelay())
                .data(Frames.reason(reason)).build();
    }


}
