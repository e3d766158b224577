package io.pushway.system;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One HTTP request as a test wants it on the wire, before it is sent: which service, the method, the
 * request target exactly as written (path and query, already percent-encoded, or deliberately not),
 * headers in order, and the body bytes. {@link Wire} sends it over HTTP/2 where java.net.http allows
 * every part of it, and over a raw HTTP/1.1 TLS socket otherwise ({@link #needsRawSocket()}).
 */
record Request(Side side, String method, String target, List<Header> headers, byte[] body, boolean raw) {

    /** Which service answers. Delivery requests alternate between the two replicas. */
    enum Side { INGEST, DELIVERY }

    /** A header line; the value may hold any character (see {@link RawHttp} for how it is written). */
    record Header(String name, String value) {
    }

    /** Headers java.net.http sets itself and refuses to take from the caller. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host",
            "upgrade", "transfer-encoding");

    Request {
        headers = List.copyOf(headers);
    }

    static Request get(Side side, String target) {
        return new Request(side, "GET", target, List.of(), null, false);
    }

    static Request post(Side side, String target) {
        return new Request(side, "POST", target, List.of(), null, false);
    }

    static Request of(Side side, String method, String target) {
        return new Request(side, method, target, List.of(), null, false);
    }

    Request header(String name, String value) {
        List<Header> more = new ArrayList<>(headers);
        more.add(new Header(name, value));
        return new Request(side, method, target, more, body, raw);
    }

    /** With {@code query} (as written on the wire) appended to the target's query; unchanged when empty. */
    Request query(String query) {
        String target = query.isEmpty() ? this.target : this.target + (this.target.contains("?") ? "&" : "?") + query;
        return new Request(side, method, target, headers, body, raw);
    }

    /** Without any {@code name} header. */
    Request without(String name) {
        return new Request(side, method, target,
                headers.stream().filter(h -> !h.name().equalsIgnoreCase(name)).toList(), body, raw);
    }

    /** With {@code Authorization: Bearer <token>}; no header at all when {@code token} is null. */
    Request bearer(String token) {
        return token == null ? this : header("Authorization", "Bearer " + token);
    }

    /** With a JSON body ({@code Content-Type: application/json}). */
    Request json(String json) {
        return body("application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    /** With {@code bytes} as the body and {@code contentType} (none when null). */
    Request body(String contentType, byte[] bytes) {
        Request request = contentType == null ? this : header("Content-Type", contentType);
        return new Request(side, method, target, request.headers, bytes, raw);
    }

    /** A WebSocket handshake (RFC 6455): always over the raw socket, which then reads the first frame. */
    Request websocket() {
        return header("Upgrade", "websocket").header("Connection", "Upgrade")
                .header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==").header("Sec-WebSocket-Version", "13");
    }

    /** Sent over the raw HTTP/1.1 socket even though java.net.http could send it. */
    Request overRawSocket() {
        return new Request(side, method, target, headers, body, true);
    }

    boolean isWebSocket() {
        return headers.stream().anyMatch(h -> h.name().equalsIgnoreCase("Upgrade") && h.value().equals("websocket"));
    }

    /**
     * Whether java.net.http would refuse this request: restricted headers, header names or values
     * with characters outside printable ASCII (CR, LF, NUL, non-ASCII), or a target that is not a URI.
     */
    boolean needsRawSocket() {
        return raw || headers.stream().anyMatch(h -> RESTRICTED.contains(h.name().toLowerCase(Locale.ROOT))
                || !h.name().chars().allMatch(c -> c > 0x20 && c < 0x7F && c != ':')
                || !h.value().chars().allMatch(c -> c >= 0x20 && c < 0x7F))
                || !isPlainUri(target);
    }

    private static boolean isPlainUri(String target) {
        if (!target.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            return false;
        }
        try {
            URI.create("https://localhost" + target);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
