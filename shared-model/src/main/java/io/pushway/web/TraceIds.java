package io.pushway.web;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.http.ProblemDetail;

/**
 * Puts a trace id on a 5xx problem ({@code traceId}), so the caller can quote what the service
 * logged the failure with: the current W3C trace id, or a fresh id of the same shape when no trace
 * is in scope on this thread (the log line then names that id).
 */
public final class TraceIds {

    /** The problem member that carries the id. */
    public static final String TRACE_ID = "traceId";

    private final Tracer tracer;

    public TraceIds(Tracer tracer) {
        this.tracer = tracer;
    }

    /** Sets {@code traceId} on {@code problem} and returns it, for the log line. */
    public String stamp(ProblemDetail problem) {
        Span span = tracer.currentSpan();
        String id = span == null || span.context().traceId().isEmpty() ? random() : span.context().traceId();
        problem.setProperty(TRACE_ID, id);
        return id;
    }

    private static String random() {
        byte[] bytes = new byte[16];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
