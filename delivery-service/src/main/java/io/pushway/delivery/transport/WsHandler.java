package io.pushway.delivery.transport;

import io.pushway.delivery.metrics.DeliveryMetrics;
import io.pushway.delivery.metrics.DeliveryMetrics.Transport;
import io.pushway.delivery.session.FeedEvent;
import io.pushway.delivery.session.Sessions;
import io.pushway.delivery.session.StreamLimits;
import io.pushway.delivery.session.StreamOverflowException;
import io.pushway.delivery.status.Acknowledgement;
import io.pushway.delivery.status.DeliveryStatus;
import io.pushway.model.JsonCodec;
import io.pushway.model.MessageIds;
import io.pushway.web.ServiceUnavailableException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/v1/ws}: the same events as the SSE stream (inbox, and {@code topics=a,b}), as JSON
 * text frames {@code {"id":"<cursor>","event":"message"|"gap"|"subscribed","data":{...}}}; resume with
 * {@code ?lastEventId=<cursor>}. The
 * client acknowledges with {@code {"ack":"<message id>"}} and gets {@code {"event":"ack","id",
 * "result"}} back. Ends with {@code {"event":"reconnect","data":{"reason"}}} and close status 1012
 * (shutdown) or 1013 (stalled client, or Redis unavailable), like the SSE stream. An ack that Redis
 * cannot take now is answered with result {@code UNAVAILABLE}.
 */
@Component
class WsHandler implements WebSocketHandler {

    private final Sessions sessions;
    private final DeliveryStatus status;
    private final Heartbeat heartbeat;
    private final StreamClosing closing;
    private final StreamLimits limits;
    private final DeliveryMetrics metrics;

    WsHandler(Sessions sessions, DeliveryStatus status, Heartbeat heartbeat, StreamClosing closing, StreamLimits limits,
            DeliveryMetrics metrics) {
        this.limits = limits;
        this.metrics = metrics;
        this.sessions = sessions;
        this.status = status;
        this.heartbeat = heartbeat;
        this.closing = closing;
    }

    @Override
    public Mono<Void> handle(WebSocketSession ws) {
        var query = UriComponentsBuilder.fromUri(ws.getHandshakeInfo().getUri()).build().getQueryParams();
        return ws.getHandshakeInfo().getPrincipal().cast(Authentication.class).flatMap(caller -> {
            StreamRequest.Parsed parsed = StreamRequest.parse(caller, query.getFirst("topics"), query.getFirst("lastEventId"));
            if (parsed instanceof StreamRequest.Invalid invalid) {
                return ws.close(CloseStatus.POLICY_VIOLATION.withReason(String.valueOf(invalid.problem().getTitle())));
            }
            StreamLimits.Admission admission = limits.tryOpen(caller.getName());
            if (admission != StreamLimits.Admission.OPENED) {
                return ws.close(CloseStatus.SERVICE_OVERLOAD.withReason(admission == StreamLimits.Admission.USER_LIMIT
                        ? "too many open streams" : "this replica is full; reconnect"));
            }
            metrics.streamOpened(Transport.WS);
            return converse(ws, caller.getName(), ((StreamRequest.Valid) parsed).request())
                    .doFinally(signal -> {
                        limits.closed(caller.getName());
                        metrics.streamClosed(Transport.WS);
                    });
        }).switchIfEmpty(Mono.defer(() -> ws.close(CloseStatus.POLICY_VIOLATION)));
    }

    private Mono<Void> converse(WebSocketSession ws, String recipient, StreamRequest stream) {
        Flux<String> replies = ws.receive().map(WebSocketMessage::getPayloadAsText)
                .concatMap(frame -> reply(recipient, frame));
        CloseStatus[] close = {CloseStatus.NORMAL};
        Flux<String> events = sessions.open(stream.feeds(), stream.cursor())
                .filter(emitted -> !(emitted.event() instanceof FeedEvent.Start))
                .map(WsHandler::frame)
                .takeUntilOther(closing.signal())
                .concatWith(Mono.fromSupplier(() -> {
                    close[0] = CloseStatus.SERVICE_RESTARTED;
                    return reconnect("shutdown");
                }))
                .onErrorResume(StreamOverflowException.class, e -> Mono.fromSupplier(() -> {
                    close[0] = CloseStatus.SERVICE_OVERLOAD;
                    return reconnect("stalled");
                }))
                .onErrorResume(ServiceUnavailableException.class, e -> Mono.fromSupplier(() -> {
                    close[0] = CloseStatus.SERVICE_OVERLOAD;
                    return reconnect("unavailable");
                }));
        Flux<WebSocketMessage> outbound = replies.publish(clientFrames -> Flux.merge(
                        clientFrames.map(ws::textMessage),
                        events.takeUntilOther(clientFrames.then()).map(ws::textMessage),
                        heartbeat.ticks().takeUntilOther(clientFrames.then())
                                .map(tick -> ws.pingMessage(factory -> factory.wrap(new byte[0])))))
                .takeUntilOther(closing.signal().then(Mono.delay(java.time.Duration.ofMillis(200))));
        return ws.send(outbound).then(Mono.defer(() -> ws.close(close[0])));
    }

    private Mono<String> reply(String recipient, String frame) {
        String messageId;
        try {
            JsonNode node = JsonCodec.mapper().readTree(frame);
            JsonNode ack = node.isObject() && node.size() == 1 ? node.get("ack") : null;
            messageId = ack != null && ack.isString() ? ack.asString() : null;
        } catch (JacksonException e) {
            messageId = null;
        }
        if (messageId == null || !MessageIds.isValid(messageId)) {
            return Mono.just("{\"event\":\"error\",\"data\":{\"detail\":\"expected {\\\"ack\\\":\\\"<message id>\\\"}\"}}");
        }
        String id = messageId;
        return status.acknowledge(recipient, id).map(WsHandler::result)
                .onErrorResume(ServiceUnavailableException.class, e -> Mono.just("UNAVAILABLE"))
                .map(result -> "{\"event\":\"ack\",\"data\":{\"id\":\"" + id + "\",\"result\":\"" + result + "\"}}");
    }

    private static String result(Acknowledgement outcome) {
        if (outcome instanceof Acknowledgement.Final terminal) {
            return terminal.state().name();
        }
        return outcome instanceof Acknowledgement.Unknown ? "NOT_FOUND" : "ACKNOWLEDGED";
    }

    private static String frame(FeedEvent.Emitted emitted) {
        String id = "{\"id\":\"" + emitted.cursor() + "\",\"event\":";
        if (emitted.event() instanceof FeedEvent.Message message) {
            return id + "\"message\",\"data\":" + message.event().data() + "}";
        }
        if (emitted.event() instanceof FeedEvent.Gap gap) {
            return id + "\"gap\",\"data\":" + Frames.gap(gap) + "}";
        }
        return id + "\"subscribed\"}";
    }

    private static String reconnect(String reason) {
        return "{\"event\":\"reconnect\",\"data\":" + Frames.reason(reason) + "}";
    }
}
