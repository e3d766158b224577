package io.pushway.system;

import io.pushway.model.JsonCodec;
import io.pushway.model.MessageIds;
import io.pushway.system.Request.Side;
import io.pushway.testsupport.TestTokens;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Well-formed requests to every public endpoint, each with a valid token of the right scope, for the
 * bad-input cases to break one part of. Ids, cursors and query values are passed as the caller
 * wants them on the wire; {@link #percent} encodes text for a path segment or query value.
 */
final class Endpoints {

    /** A message id of the right shape that names no message. */
    static final String UNKNOWN_ID = MessageIds.next();

    final String run = UUID.randomUUID().toString().substring(0, 8);
    final String publisherName = "bad-input-publisher-" + run;
    final String subscriberName = "bad-input-subscriber-" + run;
    final String publisher;
    final String subscriber;
    /** A subscriber whose token allows only the topics {@code news.*}. */
    final String newsOnlySubscriber;
    private final SystemStack stack;

    /** An endpoint, called with a given token (none when null), and the scope it needs. */
    record Endpoint(String name, Function<String, Request> call, String subject, String scope, String wrongScope) {
    }

    Endpoints(SystemStack stack) {
        this.stack = stack;
        publisher = stack.token(publisherName, "push.publish", "push.status");
        subscriber = stack.token(subscriberName, "push.subscribe");
        newsOnlySubscriber = TestTokens.mintWithTopics(stack.keys(), subscriberName,
                List.of("news.*"), "push.subscribe");
    }

    /** A valid publish body: one recipient, a small payload. */
    String validMessage() {
        return "{\"recipients\":[\"recipient-" + run + "\"],\"payload\":{\"n\":1}}";
    }

    Request publish(String json) {
        return Request.post(Side.INGEST, "/api/v1/messages").bearer(publisher).json(json);
    }

    Request batch(String json) {
        return Request.post(Side.INGEST, "/api/v1/messages/batch").bearer(publisher).json(json);
    }

    /** {@code GET /api/v1/messages/{id}}; {@code idAndQuery} as written on the wire. */
    Request status(String idAndQuery) {
        return Request.get(Side.INGEST, "/api/v1/messages/" + idAndQuery).bearer(publisher);
    }

    Request ack(String id) {
        return Request.post(Side.DELIVERY, "/api/v1/messages/" + id + "/ack").bearer(subscriber);
    }

    Request inbox(String query) {
        return Request.get(Side.DELIVERY, "/api/v1/inbox").query(query).bearer(subscriber);
    }

    Request stream(String query) {
        return Request.get(Side.DELIVERY, "/api/v1/stream").query(query).bearer(subscriber);
    }

    Request ws(String query) {
        return Request.get(Side.DELIVERY, "/api/v1/ws").query(query).bearer(subscriber).websocket();
    }

    /** Every endpoint, callable with any token; the body or ids are otherwise valid. */
    List<Endpoint> all() {
        return List.of(
                new Endpoint("publish", t -> publish(validMessage()).without("Authorization").bearer(t),
                        publisherName, "push.publish", "push.subscribe"),
                new Endpoint("batch", t -> batch("{\"messages\":[" + validMessage() + "]}").without("Authorization").bearer(t),
                        publisherName, "push.publish", "push.subscribe"),
                new Endpoint("status", t -> status(UNKNOWN_ID).without("Authorization").bearer(t),
                        publisherName, "push.status", "push.subscribe"),
                new Endpoint("stream", t -> stream("").without("Authorization").bearer(t),
                        subscriberName, "push.subscribe", "push.publish"),
                new Endpoint("ws", t -> ws("").without("Authorization").bearer(t),
                        subscriberName, "push.subscribe", "push.publish"),
                new Endpoint("inbox", t -> inbox("").without("Authorization").bearer(t),
                        subscriberName, "push.subscribe", "push.publish"),
                new Endpoint("ack", t -> ack(UNKNOWN_ID).without("Authorization").bearer(t),
                        subscriberName, "push.subscribe", "push.publish"));
    }

    String token(String subject, String... scopes) {
        return stack.token(subject, scopes);
    }

    /** {@code text} percent-encoded as UTF-8, every byte outside the URI's unreserved characters escaped. */
    static String percent(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0)) {
                out.write(c);
            } else {
                out.writeBytes(String.format("%%%02X", b & 0xFF).getBytes(StandardCharsets.US_ASCII));
            }
        }
        return out.toString(StandardCharsets.US_ASCII);
    }

    /** {@code text} as a JSON string literal, quotes included. */
    static String json(String text) {
        return JsonCodec.mapper().writeValueAsString(text);
    }
}
