package io.pushway.system;

import static io.pushway.system.BadInput.problem;
import static io.pushway.system.Endpoints.json;
import static io.pushway.system.Endpoints.percent;

import io.pushway.system.BadInput.Expected;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Hostile strings in every place a caller names something: SSE frame injection, script, SQL, path
 * traversal and Unicode look-alikes, each put into recipient ids, topic names, path ids, cursors,
 * topic lists and headers; and as the token's subject (the recipient of a stream). None of them is a
 * valid id or cursor, so each must be refused — and never echoed.
 */
final class InjectionCases extends CaseTable {

    /** A hostile string of one kind. */
    private record Probe(String kind, String name, String text) {
    }

    /** A place a probe goes into, the answer it must get there, and which probes the place's rules reject. */
    private record Place(String name, Function<String, Request> request, Function<String, Expected> expected,
            Predicate<String> rejects) {

        Place(String name, Function<String, Request> request, Expected expected) {
            this(name, request, text -> expected, text -> true);
        }

        Place(String name, Function<String, Request> request, Expected expected, Predicate<String> rejects) {
            this(name, request, text -> expected, rejects);
        }
    }

    private static final List<Probe> PROBES = List.of(
            new Probe("sse-injection", "blank line and data", "\n\ndata: forged\n\n"),
            new Probe("sse-injection", "CRLF event", "1-0\r\nevent: message\r\ndata: {\"forged\":true}\r\n"),
            new Probe("script", "script tag", "<script>alert(1)</script><img src=x onerror=alert(2)>"),
            new Probe("sql", "quote and DROP", "' OR '1'='1'; DROP TABLE inbox; --"),
            new Probe("path-traversal", "dot-dot slash", "../../../etc/passwd"),
            new Probe("path-traversal", "dot-dot backslash", "..\\..\\windows\\win.ini"),
            new Probe("confusable", "Cyrillic a", "\u0430lice"),
            new Probe("confusable", "zero-width space", "alice\u200B"),
            new Probe("confusable", "fullwidth letters", "\uFF41\uFF4C\uFF49\uFF43\uFF45"));

    InjectionCases(Endpoints endpoints) {
        super(endpoints);
    }

    @Override
    protected void fill() {
        for (Place place : places(endpoints)) {
            for (Probe probe : PROBES) {
                if (place.rejects().test(probe.text())) {
                    add(probe.kind(), place.name() + ": " + probe.name(), place.request().apply(probe.text()),
                            place.expected().apply(probe.text()), probe.text());
                }
            }
        }
        PROBES.forEach(this::asSubject);
    }

    private static List<Place> places(Endpoints e) {
        BadInput.Closed refused = new BadInput.Closed(1008);
        // Header values cannot carry CR or LF at all (the line would end): those probes go into
        // bodies, paths and queries only. A key of visible ASCII is a valid Idempotency-Key.
        Predicate<String> headerSafe = text -> text.chars().noneMatch(c -> c == '\r' || c == '\n');
        Predicate<String> notAKey = text -> headerSafe.test(text) && !text.matches("[\\x21-\\x7E]{1,128}");
        return List.of(
                new Place("publish recipients[0]", t -> e.publish("{\"recipients\":[" + json(t) + "],\"payload\":1}"),
                        problem(400, "validation")),
                new Place("publish topic", t -> e.publish("{\"topic\":" + json(t) + ",\"payload\":1}"),
                        problem(400, "validation")),
                new Place("batch recipients[0]", t -> e.batch("{\"messages\":[{\"recipients\":[" + json(t)
                        + "],\"payload\":1}]}"), new BadInput.ItemsRejected(400)),
                new Place("status id", t -> e.status(percent(t)), InjectionCases::asPathId, t -> true),
                new Place("ack id", t -> e.ack(percent(t)), InjectionCases::asPathId, t -> true),
                new Place("inbox after", t -> e.inbox("after=" + percent(t)), problem(400)),
                new Place("inbox topics", t -> e.inbox("topics=" + percent(t)), problem(400)),
                new Place("stream lastEventId", t -> e.stream("lastEventId=" + percent(t)), problem(400)),
                new Place("stream topics", t -> e.stream("topics=news," + percent(t)), problem(400)),
                new Place("stream Last-Event-ID", t -> e.stream("").header("Last-Event-ID", t), problem(400), headerSafe),
                new Place("ws lastEventId", t -> e.ws("lastEventId=" + percent(t)), refused),
                new Place("ws topics", t -> e.ws("topics=" + percent(t)), refused),
                new Place("publish Idempotency-Key", t -> e.publish(e.validMessage()).header("Idempotency-Key", t),
                        problem(400, "validation"), notAKey));
    }

    /**
     * An unknown id is a 404; but a path segment with an (encoded) slash, backslash, semicolon, percent
     * sign, line break or NUL is refused as a whole before routing, with 400 (docs/api.md).
     */
    private static Expected asPathId(String text) {
        return text.chars().anyMatch(c -> "/\\;%\r\n\0".indexOf(c) >= 0) ? problem(400, "validation") : problem(404);
    }

    /** The probe as the token's subject: not a valid recipient, so no inbox, stream or ack. */
    private void asSubject(Probe probe) {
        String token = endpoints.token(probe.text(), "push.subscribe");
        Function<Request, Request> asProbe = request -> request.without("Authorization").bearer(token);
        String name = "subject: " + probe.name();
        add(probe.kind(), name + " polls", asProbe.apply(endpoints.inbox("")), problem(403), probe.text());
        add(probe.kind(), name + " streams", asProbe.apply(endpoints.stream("")), problem(403), probe.text());
        add(probe.kind(), name + " opens a WebSocket", asProbe.apply(endpoints.ws("")), new BadInput.Closed(1008),
                probe.text());
        add(probe.kind(), name + " acks", asProbe.apply(endpoints.ack(Endpoints.UNKNOWN_ID)), problem(404), probe.text());
    }
}
