package io.pushway.system;

import static io.pushway.system.BadInput.problem;
import static io.pushway.system.BadInput.refusedByHttpServer;

import io.pushway.system.BadInput.Expected;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;

/**
 * Requests broken below the JSON level: oversize bodies, strings, ids and headers; invalid UTF-8;
 * control characters; content types the API does not take and answers it cannot give.
 */
final class ByteCases extends CaseTable {

    private static final String MALFORMED = "malformed-json";

    ByteCases(Endpoints endpoints) {
        super(endpoints);
    }

    @Override
    protected void fill() {
        size();
        encoding();
        control();
        media();
    }

    private void size() {
        String over4Mb = "x".repeat(5 * 1024 * 1024);
        publish("size", "payload string past 64 KiB", message("\"a\"", "\"" + "x".repeat(70_000) + "\""), problem(400));
        publish("size", "payload string of 300 KB", message("\"a\"", "\"" + "x".repeat(300_000) + "\""),
                problem(400, "validation"));
        add("size", "batch of 1 MB, every item invalid", endpoints.batch("{\"messages\":[" + String.join(",",
                Collections.nCopies(400, message("\"a b\"", "\"" + "x".repeat(2500) + "\""))) + "]}"),
                new BadInput.ItemsRejected(400));
        publish("size", "string past 1 MiB", message("\"a\"", "\"" + "x".repeat(1_100_000) + "\""), problem(400));
        publish("size", "number of 2000 digits", message("\"a\"", "1".repeat(2000)), problem(400));
        publish("size", "body past 4 MB", message("\"a\"", "\"" + over4Mb + "\""), problem(413));
        publish("size", "4 MB of whitespace", " ".repeat(4 * 1024 * 1024 + 1) + message("\"a\"", "1"), problem(413));
        add("size", "batch body past 4 MB", endpoints.batch("{\"messages\":[" + message("\"a\"", "\"" + over4Mb + "\"")
                + "]}"), problem(413));
        publish("size", "recipient id of 129 characters", message("\"" + "r".repeat(129) + "\"", "1"), problem(400));
        publish("size", "topic of 129 characters", "{\"topic\":\"" + "t".repeat(129) + "\",\"payload\":1}", problem(400));
        add("size", "Idempotency-Key of 129 characters", endpoints.publish(endpoints.validMessage())
                .header("Idempotency-Key", "k".repeat(129)), problem(400));
        add("size", "Last-Event-ID of 10000 characters", endpoints.stream("")
                .header("Last-Event-ID", "1".repeat(10_000)), problem(400));
        add("size", "lastEventId of 5000 characters (HTTP/2)", endpoints.stream("lastEventId=" + "1".repeat(5000)),
                problem(400));
        // HTTP/1.1 request lines and header blocks past the server's limits are refused by the HTTP
        // codec itself, before any Pushway code could write a problem body.
        add("size", "request line past 4096 bytes (HTTP/1.1)", endpoints.stream("lastEventId=" + "1".repeat(5000))
                .overRawSocket(), refusedByHttpServer(414));
        add("size", "header of 12 KB, under the 16 KB limit (HTTP/1.1)", endpoints.inbox("after=abc")
                .header("X-Padding", "p".repeat(12_000)).overRawSocket(), problem(400));
        add("size", "header of 20 KB (HTTP/1.1)", endpoints.inbox("").header("X-Padding", "p".repeat(20_000))
                .overRawSocket(), refusedByHttpServer(431));
        add("size", "header of 20 KB (HTTP/2)", endpoints.inbox("").header("X-Padding", "p".repeat(20_000)),
                refusedByHttpServer(431));
        add("size", "token of 20 KB (HTTP/1.1)", endpoints.inbox("").without("Authorization")
                .bearer("e".repeat(20_000)).overRawSocket(), refusedByHttpServer(431));
    }

    private void encoding() {
        publish("encoding", "byte FF in a recipient", bytes(message("\"a\u00FFb\"", "1")), problem(400, MALFORMED));
        publish("encoding", "byte FF in the payload", bytes(message("\"a\"", "\"\u00FF\"")), problem(400, MALFORMED));
        publish("encoding", "lone continuation byte", bytes(message("\"a\"", "\"\u0080\"")), problem(400, MALFORMED));
        publish("encoding", "truncated multi-byte character", bytes(message("\"a\"", "\"\u00E2\u0082\"")),
                problem(400, MALFORMED));
        publish("encoding", "Latin-1 e-acute", bytes(message("\"caf\u00E9\"", "1")), problem(400, MALFORMED));
        publish("encoding", "overlong slash", bytes(message("\"a\u00C0\u00AFb\"", "1")), problem(400));
        publish("encoding", "UTF-8 encoded surrogate", bytes(message("\"a\u00ED\u00A0\u0080\"", "1")), problem(400));
        add("encoding", "invalid UTF-8 in a path id", endpoints.status("%C3%28"), problem(404));
        add("encoding", "invalid UTF-8 in after", endpoints.inbox("after=%FF"), problem(400));
        add("encoding", "overlong UTF-8 in topics", endpoints.inbox("topics=%C0%AF"), problem(400));
        add("encoding", "raw byte FF in Last-Event-ID", endpoints.stream("").header("Last-Event-ID", "1-0\u00FF"),
                problem(400));
        add("encoding", "raw byte FF in the request target", endpoints.inbox("after=1-0\u00FF"), problem(400));
    }

    private void control() {
        publish("control", "escaped NUL in a recipient", message("\"a\\u0000b\"", "1"), problem(400, "validation"));
        publish("control", "escaped CR LF in a recipient", message("\"a\\r\\nb\"", "1"), problem(400, "validation"));
        publish("control", "escaped BEL in a topic", "{\"topic\":\"news\\u0007\",\"payload\":1}", problem(400, "validation"));
        publish("control", "raw TAB in a string", message("\"a\tb\"", "1"), problem(400, MALFORMED));
        publish("control", "raw NUL in the payload", bytes(message("\"a\"", "\"a\u0000b\"")), problem(400, MALFORMED));
        publish("control", "raw NUL between tokens", bytes("{\u0000" + endpoints.validMessage().substring(1)),
                problem(400, MALFORMED));
        add("control", "NUL in after", endpoints.inbox("after=%00"), problem(400));
        add("control", "NUL in topics", endpoints.stream("topics=%00"), problem(400));
        add("control", "NUL after a cursor", endpoints.stream("lastEventId=1-0%00"), problem(400));
        add("control", "NUL in a path id", endpoints.status("%00"), problem(400, "validation"));
        add("control", "TAB in Idempotency-Key", endpoints.publish(endpoints.validMessage())
                .header("Idempotency-Key", "a\tb"), problem(400));
        // Control characters other than TAB in a header value are refused by the HTTP codec itself.
        add("control", "SOH in Idempotency-Key", endpoints.publish(endpoints.validMessage())
                .header("Idempotency-Key", "a\u0001b"), refusedByHttpServer(400));
        add("control", "DEL in Last-Event-ID", endpoints.stream("").header("Last-Event-ID", "1-0\u007F"),
                refusedByHttpServer(400));
    }

    private void media() {
        for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x", "application/json-patch+json", "text/json", "application/jsonx",
                "application/octet-stream")) {
            add("media-type", "publish as " + type, endpoints.publish("").without("Content-Type")
                    .body(type, endpoints.validMessage().getBytes(StandardCharsets.UTF_8)), problem(415));
        }
        add("media-type", "batch as text/plain", endpoints.batch("").without("Content-Type")
                .body("text/plain", "{\"messages\":[]}".getBytes(StandardCharsets.UTF_8)), problem(415));
        add("media-type", "publish without Content-Type", endpoints.publish("").without("Content-Type")
                .body(null, endpoints.validMessage().getBytes(StandardCharsets.UTF_8)), problem(415));
        add("media-type", "publish with an unknown charset", endpoints.publish("").without("Content-Type")
                .body("application/json; charset=nonsense", endpoints.validMessage().getBytes(StandardCharsets.UTF_8)),
                problem(415));
        add("media-type", "publish with a script as Content-Type", endpoints.publish("").without("Content-Type")
                .body("<script>alert(1)</script>", endpoints.validMessage().getBytes(StandardCharsets.UTF_8)),
                problem(415), "<script>alert(1)</script>");
        add("media-type", "publish accepting only text/html", endpoints.publish(endpoints.validMessage())
                .header("Accept", "text/html"), problem(406));
        add("media-type", "batch accepting only text/html", endpoints.batch("{\"messages\":[]}")
                .header("Accept", "text/html"), problem(406));
        add("media-type", "status accepting only application/xml", endpoints.status(Endpoints.UNKNOWN_ID)
                .header("Accept", "application/xml"), problem(406));
    }

    /** A publish body with these JSON texts as its only recipient and payload. */
    private static String message(String recipient, String payload) {
        return "{\"recipients\":[" + recipient + "],\"payload\":" + payload + "}";
    }

    /** Characters up to U+00FF as single bytes: how a test writes invalid UTF-8. */
    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private void publish(String category, String name, byte[] body, Expected expected) {
        add(category, "publish: " + name, endpoints.publish("").without("Content-Type").body("application/json", body),
                expected);
    }
}
