package io.pushway.delivery.session;

/**
 * A stream fell further behind its live events than its buffer holds. The stream ends with a
 * reconnect reason; the client resumes from its last event id and loses nothing (the events are
 * all in the inbox).
 */
public class StreamOverflowException extends RuntimeException {

    StreamOverflowException(int buffer) {
        super("stream fell more than " + buffer + " live events behind");
    }
}
