package io.pushway.web;

import io.micrometer.observation.Observation;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.springframework.http.ProblemDetail;
import reactor.util.context.ContextView;

/**
 * Puts a trace id on a 5xx problem ({@code traceId}), so the caller can quote what the service
 * logged the failure with: the current W3C trace id, or a fresh id of the same shape when no trace
 * is in scope on this thread (the log line then names that id).
 *
 * <p>{@link #inScope} brings a request's trace onto the current thread where it is needed — log lines
 * (their {@code traceId}), 5xx stamps, a Kafka send whose records carry the trace on. The services do
 * not install Reactor's automatic context propagation, which would do that around every operator of
 * every request (a tenth of ingest's CPU when publishing).
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

    /**
     * Runs {@code action} with the trace of the reactive chain whose context is {@code context} in scope
     * on this thread: the observation that the HTTP server (or a caller) put there under
     * {@link ObservationThreadLocalAccessor#KEY}. Without one, {@code action} just runs.
     */
    public static <T> T inScope(ContextView context, Supplier<T> action) {
        Observation observation = context.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
        return observation == null ? action.get() : observation.scoped(action);
    }

    /** As {@link #inScope(ContextView, Supplier)}, for an action without a result. */
    public static void inScope(ContextView context, Runnable action) {
        inScope(context, () -> {
            action.run();
            return null;
        });
    }

    private static String random() {
        byte[] bytes = new byte[16];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
