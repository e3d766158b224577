package io.pushway.web;

import io.micrometer.tracing.Tracer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.MissingRequestValueException;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * The one problem+json handler of a service: turns every exception that reaches a controller into
 * an RFC 9457 response with a stable {@code type}. Input is never echoed back: messages are ours,
 * never the parser's or the framework's (which quote the offending input, or even every request
 * header).
 *
 * <p>Every 5xx is logged with the request's trace id, and its problem carries the same id as the
 * extension member {@value TraceIds#TRACE_ID}, so a caller can quote it and an operator find the log line
 * (field {@code trace.id}, and named in the message) and the trace. Where no trace is in scope
 * (tracing off, or a thread the trace did not follow) a fresh id stands in, named in the message.
 */
@RestControllerAdvice
public class ProblemHandler {

    /** Problem member naming the trace of a failed request (on every 5xx problem). */

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    private final TraceIds traceIds;

    public ProblemHandler(Tracer tracer) {
        this.traceIds = new TraceIds(tracer);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> invalidFields(WebExchangeBindException e) {
        List<Problems.FieldError> errors = new ArrayList<>();
        e.getFieldErrors().forEach(f -> errors.add(new Problems.FieldError(f.getField(), f.getDefaultMessage())));
        e.getGlobalErrors().forEach(g -> errors.add(new Problems.FieldError("", g.getDefaultMessage())));
        return respond(Problems.validation(errors));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> invalidRequest(InvalidRequestException e) {
        return respond(Problems.validation(e.errors()));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unreadableInput(ServerWebInputException e) {
        Throwable cause = rootOf(e, DataBufferLimitException.class);
        if (cause != null) {
            return respond(tooLarge());
        }
        JacksonException json = (JacksonException) rootOf(e, JacksonException.class);
        if (json == null) {
            return respond(Problems.of(HttpStatus.BAD_REQUEST, Problems.VALIDATION, "Invalid request", missing(e)));
        }
        return respond(unreadableJson(json));
    }

    /** What is missing, in our words; the exception's reason may quote the request. */
    private static String missing(ServerWebInputException e) {
        if (e instanceof MissingRequestValueException value) {
            return "the " + value.getLabel() + " '" + value.getName() + "' is required";
        }
        return e.getMethodParameter() != null && e.getMethodParameter().hasParameterAnnotation(RequestBody.class)
                ? "the request body is required" : "the request is invalid";
    }

    /**
     * The problem for JSON that could not be read or bound: malformed (including a nesting or size
     * limit, even when hit inside a field), or a field of the wrong shape.
     */
    public static ProblemDetail unreadableJson(JacksonException json) {
        if (rootOf(json, StreamConstraintsException.class) != null
                || json instanceof StreamReadException && !(json instanceof InputCoercionException)) {
            return Problems.of(HttpStatus.BAD_REQUEST, Problems.MALFORMED_JSON, "Malformed JSON",
                    "the body is not valid JSON (or breaks the nesting/size limits)");
        }
        String path = JsonPaths.of(json);
        String message = json instanceof UnrecognizedPropertyException ? "unknown field"
                : rootOf(json, IllegalArgumentException.class) instanceof IllegalArgumentException iae
                        && iae.getMessage() != null ? safe(iae)
                : "has the wrong type or value";
        return Problems.validation(List.of(new Problems.FieldError(path, message)));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unsupportedMediaType(UnsupportedMediaTypeStatusException e) {
        return respond(Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, Problems.UNSUPPORTED_MEDIA_TYPE,
                "Unsupported media type", "send the body as application/json"));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> notAcceptable(NotAcceptableStatusException e) {
        return respond(Problems.of(HttpStatus.NOT_ACCEPTABLE, Problems.NOT_ACCEPTABLE, "Not acceptable",
                "this endpoint answers application/json or application/problem+json"));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> methodNotAllowed(MethodNotAllowedException e) {
        ResponseEntity<ProblemDetail> response = respond(Problems.of(HttpStatus.METHOD_NOT_ALLOWED,
                Problems.METHOD_NOT_ALLOWED, "Method not allowed", "this method is not supported here"));
        return ResponseEntity.status(response.getStatusCode()).allow(e.getSupportedMethods().toArray(
                org.springframework.http.HttpMethod[]::new)).body(response.getBody());
    }

    /** Any other status the framework or a handler raises; its reason is not shown (it may quote input). */
    @ExceptionHandler
    Mono<ResponseEntity<ProblemDetail>> status(ResponseStatusException e) {
        return inTrace(() -> statusProblem(e));
    }

    private ResponseEntity<ProblemDetail> statusProblem(ResponseStatusException e) {
        HttpStatus status = HttpStatus.resolve(e.getStatusCode().value());
        if (status == HttpStatus.NOT_FOUND || status == null) {
            return respond(Problems.of(HttpStatus.NOT_FOUND, Problems.NOT_FOUND, "Not found",
                    "no such resource"));
        }
        if (status == HttpStatus.CONTENT_TOO_LARGE) {
            return respond(tooLarge());
        }
        ProblemDetail problem = Problems.of(status, Problems.typeOf(status), status.getReasonPhrase(),
                status.getReasonPhrase());
        if (status.is5xxServerError()) {
            log.error("{} {}, trace id {}", status.value(), status.getReasonPhrase(), traceIds.stamp(problem), e);
        }
        return respond(problem);
    }

    private static ProblemDetail tooLarge() {
        return Problems.of(HttpStatus.CONTENT_TOO_LARGE, Problems.PAYLOAD_TOO_LARGE, "Request too large",
                "the request body exceeds the size limit");
    }

    /** A path or header value Spring Security's firewall refuses, met while a handler reads it. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> rejected(ServerExchangeRejectedException e) {
        return respond(Problems.notAllowed());
    }

    @ExceptionHandler
    Mono<ResponseEntity<ProblemDetail>> unavailable(ServiceUnavailableException e) {
        return inTrace(() -> {
            ProblemDetail problem = e.problem();
            log.warn("Service unavailable, trace id {}: {}", traceIds.stamp(problem), e.getMessage());
            return retryLater(problem, e.retryAfter());
        });
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> conflict(ConflictException e) {
        return retryLater(Problems.of(HttpStatus.CONFLICT, Problems.CONFLICT, "Conflict", e.getMessage()),
                e.retryAfter());
    }

    private static ResponseEntity<ProblemDetail> retryLater(ProblemDetail problem, java.time.Duration after) {
        return ResponseEntity.status(problem.getStatus())
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, (after.toMillis() + 999) / 1000)))
                .body(problem);
    }

    @ExceptionHandler
    Mono<ResponseEntity<ProblemDetail>> unexpected(Exception e) {
        return inTrace(() -> {
            ProblemDetail problem = Problems.internal();
            log.error("Unexpected failure, trace id {}", traceIds.stamp(problem), e);
            return respond(problem);
        });
    }

    /** The answer {@code problem} builds, built in the request's trace (it logs, and stamps the trace id). */
    private static Mono<ResponseEntity<ProblemDetail>> inTrace(Supplier<ResponseEntity<ProblemDetail>> problem) {
        return Mono.deferContextual(context -> Mono.just(TraceIds.inScope(context, problem)));
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    private static String safe(IllegalArgumentException e) {
        return e.getMessage().length() > 200 ? "has an invalid value" : e.getMessage();
    }

    private static Throwable rootOf(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return t;
            }
        }
        return null;
    }
}
