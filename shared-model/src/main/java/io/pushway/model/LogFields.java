package io.pushway.model;

/**
 * Names of the logging context (MDC) entries Pushway sets; defined only here. The structured (ECS)
 * log shows each as a field of its own, beside {@code trace.id} and {@code span.id}.
 */
public final class LogFields {

    /** The id of the message a log line is about. */
    public static final String MESSAGE_ID = "messageId";

    private LogFields() {
    }
}
