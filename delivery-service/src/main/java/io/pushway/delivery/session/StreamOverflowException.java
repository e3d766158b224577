package io.pushway.delivery.session;

/**
 * A stream's client took nothing for longer than the stall limit while events waited for it. The
 * stream ends with a reconnect reason; the client resumes from its last event id and loses nothing
 * (the events are all in its feeds).
 */
public class StreamOverflowException extends RuntimeException {

    StreamOverflowException(java.time.Duration stallLimit) {
        super("stream client stalled for more than " + stallLimit);
    }
}
