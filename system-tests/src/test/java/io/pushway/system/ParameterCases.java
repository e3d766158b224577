package io.pushway.system;

import static io.pushway.system.BadInput.problem;
import static io.pushway.system.BadInput.refusedByHttpServer;

import io.pushway.system.BadInput.Expected;
import io.pushway.system.Request.Side;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Bad query parameters and path ids on every endpoint, wrong methods and unknown paths, broken HTTP
 * framing and header syntax (over the raw socket), and WebSocket handshakes that are not one.
 */
final class ParameterCases extends CaseTable {

    ParameterCases(Endpoints endpoints) {
        super(endpoints);
    }

    @Override
    protected void fill() {
        queries();
        ids();
        methodsAndPaths();
        framing();
        handshakes();
    }

    private void queries() {
        List<String> badNumbers = List.of("-1", "abc", "1.5", "99999999999", "", "1e2", "0x10", "%201");
        for (String offset : badNumbers) {
            add("query", "status offset=" + offset, endpoints.status(Endpoints.UNKNOWN_ID + "?offset=" + offset), 400);
        }
        for (String limit : concat(badNumbers, List.of("0", "101"))) {
            add("query", "status limit=" + limit, endpoints.status(Endpoints.UNKNOWN_ID + "?limit=" + limit), 400);
            add("query", "inbox limit=" + limit, endpoints.inbox("limit=" + limit), 400);
        }
        List<String> badCursors = List.of("abc", "1-", "-1", "1-2-3", "1-0_2-0", "99999999999999999999-0",
                "9999999999999999999-0", "1-0_", "0x1-0", "+1-0");
        for (String cursor : badCursors) {
            add("query", "inbox after=" + cursor, endpoints.inbox("after=" + cursor), 400);
            add("query", "stream lastEventId=" + cursor, endpoints.stream("lastEventId=" + cursor), 400);
        }
        add("query", "stream Last-Event-ID abc", endpoints.stream("").header("Last-Event-ID", "abc"), 400);
        add("query", "stream cursor of one feed with a topic", endpoints.stream("topics=news&lastEventId=1-0"), 400);
        add("query", "ws lastEventId=abc", endpoints.ws("lastEventId=abc"), new BadInput.Closed(1008));
        for (String topics : List.of(",", "a,,b", "a%20b", "news%2Fsports", "news;sports", "%7Bnews%7D")) {
            add("query", "inbox topics=" + topics, endpoints.inbox("topics=" + topics), 400);
            add("query", "stream topics=" + topics, endpoints.stream("topics=" + topics), 400);
        }
        add("query", "ws topics=,", endpoints.ws("topics=,"), new BadInput.Closed(1008));
        Function<Request, Request> newsOnly = r -> r.without("Authorization").bearer(endpoints.newsOnlySubscriber);
        add("query", "inbox topic outside push_topics", newsOnly.apply(endpoints.inbox("topics=sports")), 403);
        add("query", "stream topic outside push_topics", newsOnly.apply(endpoints.stream("topics=news.a,sports")), 403);
        add("query", "ws topic outside push_topics", newsOnly.apply(endpoints.ws("topics=sports")),
                new BadInput.Closed(1008));
    }

    /** Message ids that are not, or name no, message of the caller. */
    private void ids() {
        List<String> ids = List.of("not-a-uuid", Endpoints.UNKNOWN_ID.toUpperCase(), "0b5b3e4e-8f5a-4d6e-9a1b-2c3d4e5f6a7b",
                Endpoints.UNKNOWN_ID + "0", Endpoints.UNKNOWN_ID.replace("-", ""), "00000000-0000-7000-8000-000000000000");
        for (String id : ids) {
            add("path-id", "status " + id, endpoints.status(id), 404);
            add("path-id", "ack " + id, endpoints.ack(id), 404);
        }
    }

    private void methodsAndPaths() {
        String id = Endpoints.UNKNOWN_ID;
        Request publishing = endpoints.publish(endpoints.validMessage());
        method("PUT", publishing, "/api/v1/messages", 405);
        method("PATCH", publishing, "/api/v1/messages/batch", 405);
        method("GET", publishing, "/api/v1/messages", 405);
        method("DELETE", publishing, "/api/v1/messages/" + id, 405);
        method("POST", publishing, "/api/v1/messages/" + id, 405);
        Request subscribing = endpoints.inbox("");
        method("POST", subscribing, "/api/v1/inbox", 405);
        method("POST", subscribing, "/api/v1/stream", 405);
        method("DELETE", subscribing, "/api/v1/ws", 405);
        method("GET", subscribing, "/api/v1/messages/" + id + "/ack", 405);
        method("GET", publishing, "/api/v1/nope", 404);
        method("GET", publishing, "/api/v2/messages", 404);
        method("GET", publishing, "/api/v1/messages/" + id + "/extra", 404);
        method("GET", subscribing, "/api/v1/stream/extra", 404);
        method("GET", subscribing, "/", 404);
    }

    private void method(String method, Request template, String path, int status) {
        Request request = new Request(template.side(), method, path, template.headers(),
                method.equals("GET") || method.equals("DELETE") ? null : template.body(), false);
        add("method-path", method + " " + path.replace(Endpoints.UNKNOWN_ID, "{id}"),
                method.equals("GET") || method.equals("DELETE") ? request.without("Content-Type") : request, status);
    }

    /** Header syntax and message framing no HTTP client library produces. */
    private void framing() {
        Request inbox = endpoints.inbox("").overRawSocket();
        Request publish = endpoints.publish(endpoints.validMessage()).overRawSocket();
        add("headers", "folded Last-Event-ID", endpoints.stream("").header("Last-Event-ID", "1-0\r\n data: forged"),
                problem(400), "data: forged");
        add("headers", "bare CR in a header value", inbox.header("X-Note", "a\rb"), bare());
        add("headers", "NUL in a header value", inbox.header("X-Note", "a\u0000b"), bare());
        add("headers", "space in a header name", inbox.header("Bad Header", "x"), bare());
        add("headers", "header line without a colon", inbox.header("NoColonHere\r\nX-Other", "x"), bare());
        add("headers", "two different Content-Length", publish.header("Content-Length", "5")
                .header("Content-Length", "6"), bare());
        add("headers", "invalid chunk size", publish.header("Transfer-Encoding", "chunked")
                .body(null, "zz\r\n{}\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)), bare());
        add("headers", "Content-Length shorter than the body", publish.header("Content-Length", "14"),
                problem(400, "malformed-json"));
        add("headers", "chunked body of broken JSON", publish.header("Transfer-Encoding", "chunked")
                .body(null, "6\r\n{\"rec\"\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)), problem(400, "malformed-json"));
        add("headers", "script in X-Forwarded-Host", inbox.without("Authorization").bearer("x")
                .header("X-Forwarded-Host", "<script>alert(1)</script>"), problem(401), "<script>alert(1)</script>");
        add("headers", "script in the request target", endpoints.inbox("after=<script>alert(1)</script>"),
                refusedByHttpServer(400), "<script>alert(1)</script>");
    }

    private void handshakes() {
        Request ws = endpoints.ws("");
        add("websocket", "GET /api/v1/ws without Upgrade", Request.get(Side.DELIVERY, "/api/v1/ws")
                .bearer(endpoints.subscriber), 400);
        add("websocket", "Upgrade to h2c", ws.without("Upgrade").header("Upgrade", "h2c"), 400);
        add("websocket", "no Sec-WebSocket-Key", ws.without("Sec-WebSocket-Key"), 400);
        add("websocket", "Sec-WebSocket-Version 99", ws.without("Sec-WebSocket-Version")
                .header("Sec-WebSocket-Version", "99"), new BadInput.Bare(426,
                "the WebSocket handshake (reactor-netty) asks for version 13 before any Pushway code runs"));
    }

    private static Expected bare() {
        return refusedByHttpServer(400);
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> both = new ArrayList<>(first);
        both.addAll(second);
        return both;
    }
}
