package io.pushway.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pushway.testsupport.OpenApiSpec;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Who may call what, in one table: every endpoint × {no token, wrong scope, right scope, another
 * user, admin}. A subscriber never reaches another user's inbox, stream, ack or status.
 */
class AuthorizationMatrixSystemTests {

    private final SystemStack stack = SystemStack.shared();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String publisher = "publisher-" + run;
    private final String recipient = "recipient-" + run;

    /** One row: an endpoint, how to call it with a token (null = none), and the expected status per caller. */
    private record Row(String endpoint, Function<String, Integer> call, Map<String, Integer> expected) {
    }

    @Test
    void everyEndpointAnswersEveryKindOfCallerAsSpecified() {
        String body = "{\"recipients\":[\"" + recipient + "\"],\"payload\":{\"m\":1}}";
        String id = (String) Api.parse(new Api(stack, publisher).publish(body).body()).get("id");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                "QUEUED".equals(new Api(stack, publisher).status(id).get("state")));
        String ingest = stack.ingest().url("");
        String delivery = stack.deliveries().get(0).url("");

        // Callers shared by every row; each row brings its own right-scope and other-user tokens.
        Map<String, String> callers = Map.of(
                "none", "",
                "wrong scope", stack.token(recipient, "profile"),
                "admin", stack.token("ops-" + run, "push.admin"));
        List<Row> rows = List.of(
                row("POST /api/v1/messages", t -> post(ingest + "/api/v1/messages", t, body).statusCode(),
                        401, 403, stack.token(publisher, "push.publish"), 202, stack.token("other-" + run, "push.publish"), 202, 403),
                row("POST /api/v1/messages/batch", t -> post(ingest + "/api/v1/messages/batch", t, "{\"messages\":[" + body + "]}").statusCode(),
                        401, 403, stack.token(publisher, "push.publish"), 200, stack.token("other-" + run, "push.publish"), 200, 403),
                row("GET /api/v1/messages/{id}", t -> get(ingest + "/api/v1/messages/" + id, t).statusCode(),
                        401, 403, stack.token(publisher, "push.status"), 200, stack.token("other-" + run, "push.status"), 404, 200),
                row("GET /api/v1/inbox", t -> get(delivery + "/api/v1/inbox", t).statusCode(),
                        401, 403, stack.token(recipient, "push.subscribe"), 200, stack.token("other-" + run, "push.subscribe"), 200, 403),
                row("GET /api/v1/stream", t -> stream(delivery + "/api/v1/stream", t).statusCode(),
                        401, 403, stack.token(recipient, "push.subscribe"), 200, stack.token("other-" + run, "push.subscribe"), 200, 403),
                row("GET /api/v1/ws", t -> webSocket(delivery.replace("https:", "wss:") + "/api/v1/ws", t),
                        401, 403, stack.token(recipient, "push.subscribe"), 101, stack.token("other-" + run, "push.subscribe"), 101, 403),
                row("POST /api/v1/stream/cookie", t -> post(delivery + "/api/v1/stream/cookie", t, "").statusCode(),
                        401, 403, stack.token(recipient, "push.subscribe"), 204, stack.token("other-" + run, "push.subscribe"), 204, 403),
                row("DELETE /api/v1/stream/cookie", t -> send(request(delivery + "/api/v1/stream/cookie", t).DELETE().build(),
                                HttpResponse.BodyHandlers.discarding()).statusCode(),
                        204, 204, stack.token(recipient, "push.subscribe"), 204, stack.token("other-" + run, "push.subscribe"), 204, 204),
                row("GET /api/v1/status", t -> bothAnswer(get(ingest + "/api/v1/status", t).statusCode(),
                                get(delivery + "/api/v1/status", t).statusCode()),
                        200, 200, stack.token(publisher, "push.status"), 200, stack.token("other-" + run, "push.subscribe"), 200, 200),
                row("POST /api/v1/messages/{id}/ack", t -> post(delivery + "/api/v1/messages/" + id + "/ack", t, "").statusCode(),
                        401, 403, stack.token("other-" + run, "push.subscribe"), 404, stack.token(recipient, "push.subscribe"), 204, 403));

        List<String> mismatches = new ArrayList<>();
        for (Row row : rows) {
            row.expected().forEach((caller, status) -> {
                String token = caller.startsWith("token:") ? caller.substring(6) : callers.get(caller);
                int actual = row.call().apply(token == null || token.isEmpty() ? null : token);
                if (actual != status) {
                    mismatches.add(row.endpoint() + " as " + (caller.startsWith("token:") ? "caller" : caller)
                            + ": expected " + status + ", got " + actual);
                }
            });
        }
        System.out.printf("[authorization] %d endpoint x caller cases checked%n", rows.size() * 5);
        assertThat(mismatches).isEmpty();
        // Every documented endpoint (and so, by the OpenAPI tests, every served one) has a row: a
        // request no security rule names needs only a valid token, so a rule must exist for each.
        assertThat(rows.stream().map(Row::endpoint).toList()).containsAll(OpenApiSpec.operations());
        assertThat(Api.parse(((HttpResponse<?>) get(delivery + "/api/v1/inbox",
                stack.token("other-" + run, "push.subscribe"))).body().toString()).get("events")).isEqualTo(List.of());
    }

    /** The status both services answered; -1 when they differ. */
    private static int bothAnswer(int ingest, int delivery) {
        return ingest == delivery ? ingest : -1;
    }

    /** A row; the "right scope" and "other user" callers carry their own tokens. */
    private Row row(String endpoint, Function<String, Integer> call, int none, int wrongScope,
            String rightToken, int right, String otherToken, int other, int admin) {
        Map<String, Integer> expected = new java.util.LinkedHashMap<>();
        expected.put("none", none);
        expected.put("wrong scope", wrongScope);
        expected.put("token:" + rightToken, right);
        expected.put("token:" + otherToken, other);
        expected.put("admin", admin);
        return new Row(endpoint, call, expected);
    }

    /** The status of a WebSocket handshake: 101, or the refusal's status. */
    private int webSocket(String url, String token) {
        var builder = stack.https().newWebSocketBuilder();
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        try {
            builder.buildAsync(URI.create(url), new WebSocket.Listener() { }).join().abort();
            return 101;
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
    }

    private HttpResponse<?> get(String url, String token) {
        return send(request(url, token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<?> post(String url, String token, String body) {
        return send(request(url, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Opens the stream, reads the status once the headers arrive, and closes it. */
    private HttpResponse<?> stream(String url, String token) {
        HttpResponse<InputStream> response = send(request(url, token).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        try {
            response.body().close();
        } catch (java.io.IOException e) {
            // closing a stream we are done with
        }
        return response;
    }

    private static HttpRequest.Builder request(String url, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return stack.https().send(request, handler);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
