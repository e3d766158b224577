package io.pushway.web;

import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * Pushway's problem types (RFC 9457). Each kind of error has one stable {@code type} URI that
 * clients may switch on; {@code title} is fixed per type, {@code detail} explains the instance, and
 * validation problems list {@code errors} as {@code {path, message}} with JSON-path-like field paths
 * ({@code recipients[3]}).
 */
public final class Problems {

    public static final URI VALIDATION = type("validation");
    public static final URI MALFORMED_JSON = type("malformed-json");
    public static final URI UNSUPPORTED_MEDIA_TYPE = type("unsupported-media-type");
    public static final URI PAYLOAD_TOO_LARGE = type("payload-too-large");
    public static final URI UNAUTHORIZED = type("unauthorized");
    public static final URI FORBIDDEN = type("forbidden");
    public static final URI NOT_FOUND = type("not-found");
    public static final URI METHOD_NOT_ALLOWED = type("method-not-allowed");
    public static final URI NOT_ACCEPTABLE = type("not-acceptable");
    public static final URI CONFLICT = type("conflict");
    public static final URI TOO_MANY_STREAMS = type("too-many-streams");
    public static final URI RATE_LIMITED = type("rate-limited");
    public static final URI UNAVAILABLE = type("unavailable");
    /** 503: too many publishes in flight on this replica (the publish bulkhead is full). */
    public static final URI OVERLOADED = type("overloaded");
    public static final URI INTERNAL = type("internal");

    private Problems() {
    }

    private static URI type(String kind) {
        return URI.create("https://pushway.io/problems/" + kind);
    }

    /** A problem of {@code type} with {@code status} and {@code detail}. */
    public static ProblemDetail of(HttpStatus status, URI type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        problem.setTitle(title);
        return problem;
    }

    /** The type of a problem with {@code status} when nothing more specific is known. */
    public static URI typeOf(HttpStatus status) {
        return switch (status) {
            case UNAUTHORIZED -> UNAUTHORIZED;
            case FORBIDDEN -> FORBIDDEN;
            case NOT_FOUND -> NOT_FOUND;
            case METHOD_NOT_ALLOWED -> METHOD_NOT_ALLOWED;
            case NOT_ACCEPTABLE -> NOT_ACCEPTABLE;
            case CONFLICT -> CONFLICT;
            case CONTENT_TOO_LARGE -> PAYLOAD_TOO_LARGE;
            case UNSUPPORTED_MEDIA_TYPE -> UNSUPPORTED_MEDIA_TYPE;
            case SERVICE_UNAVAILABLE -> UNAVAILABLE;
            default -> status.is5xxServerError() ? INTERNAL : VALIDATION;
        };
    }

    /**
     * The problem for a request Spring Security's firewall refuses: a path with an encoded slash,
     * backslash, semicolon, percent sign or control character, a {@code ..} segment, or a header
     * value with control characters. The offending part is not named (it is the attacker's text).
     */
    public static ProblemDetail notAllowed() {
        return of(HttpStatus.BAD_REQUEST, VALIDATION, "Invalid request",
                "the request path or a header holds characters that are not allowed");
    }

    /**
     * The 500 problem for a failure nothing more specific describes. It names no cause (that could
     * quote input or internals); the caller logs the failure and stamps the problem with its trace id.
     */
    public static ProblemDetail internal() {
        return of(HttpStatus.INTERNAL_SERVER_ERROR, INTERNAL, "Internal error",
                "an unexpected error occurred; quote the trace id");
    }

    /** A 400 validation problem listing every invalid field. */
    public static ProblemDetail validation(List<FieldError> errors) {
        ProblemDetail problem = of(HttpStatus.BAD_REQUEST, VALIDATION, "Invalid request",
                errors.size() == 1 ? errors.get(0).path() + ": " + errors.get(0).message()
                        : errors.size() + " fields are invalid");
        problem.setProperty("errors", errors);
        return problem;
    }

    /** One invalid field: where it is in the request, and what is wrong with it. */
    public record FieldError(String path, String message) {
    }
}
