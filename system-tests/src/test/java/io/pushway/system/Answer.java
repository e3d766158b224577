package io.pushway.system;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a service answered: status, headers (names in lower case), body as text and, after a
 * WebSocket upgrade, the close frame the server sent first. {@code status} 0 means there was no
 * HTTP answer at all (the connection was closed or reset; {@code body} then says how).
 *
 * @param transport {@code HTTP/2} or {@code HTTP/1.1 raw}
 * @param closeCode the WebSocket close code after a 101, or -1
 */
record Answer(String transport, int status, Map<String, List<String>> headers, String body, int closeCode,
        String closeReason) {

    static Answer failed(String transport, Exception e) {
        return new Answer(transport, 0, Map.of(), e.toString(), -1, "");
    }

    /** The first value of {@code name}, or "". */
    String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? "" : values.get(0);
    }

    boolean isProblem() {
        return header("Content-Type").startsWith("application/problem+json");
    }
}
