package io.pushway.system;

/**
 * One row of the bad-input table: a category, a name, the request, the answer it must get, and the
 * injected text (if any) that must not come back in the answer.
 */
record BadInput(String category, String name, Request request, Expected expected, String probe) {

    BadInput(String category, String name, Request request, Expected expected) {
        this(category, name, request, expected, null);
    }

    /** The answer a bad input must get. */
    sealed interface Expected {

        /** How the summary counts this expectation. */
        String label();
    }

    /**
     * An RFC 9457 problem with this status and, when not null, this {@code type} kind (the last
     * segment of {@code https://pushway.io/problems/…}); else the kind the status implies.
     */
    record Problem(int status, String type) implements Expected {
        @Override
        public String label() {
            return String.valueOf(status);
        }
    }

    /** A batch that is well-formed as a whole: 200, and every item rejected with a problem of {@code itemStatus}. */
    record ItemsRejected(int itemStatus) implements Expected {
        @Override
        public String label() {
            return "200 (items " + itemStatus + ")";
        }
    }

    /** A WebSocket upgrade (101) that the server closes at once with {@code code}. */
    record Closed(int code) implements Expected {
        @Override
        public String label() {
            return "101 (close " + code + ")";
        }
    }

    /**
     * A connection-level refusal that comes before any Pushway code runs, so it cannot carry a
     * problem body: this status from the HTTP server itself. {@code why} says which layer answers;
     * every such row is an explicit exception to the problem+json rule.
     */
    record Bare(int status, String why) implements Expected {
        @Override
        public String label() {
            return status + " (no body)";
        }
    }

    static Expected problem(int status) {
        return new Problem(status, null);
    }

    static Expected problem(int status, String type) {
        return new Problem(status, type);
    }

    /**
     * A refusal by the HTTP server (reactor-netty) itself — request line or header block too long,
     * header syntax, framing — before any Pushway code could write a problem body.
     */
    static Expected refusedByHttpServer(int status) {
        return new Bare(status, "refused by the HTTP server before any Pushway code runs");
    }
}
