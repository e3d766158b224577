package io.pushway.web;

import java.net.URI;
import java.time.Duration;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * A dependency (Kafka, Redis) could not serve the request in time, or the service is at its limit of
 * in-flight work. Answered with 503 and a {@code Retry-After} header; the request may be retried as is.
 */
public class ServiceUnavailableException extends RuntimeException {

    private final Duration retryAfter;
    private final URI type;

    public ServiceUnavailableException(String message, Duration retryAfter, Throwable cause) {
        this(Problems.UNAVAILABLE, message, retryAfter, cause);
    }

    /** With a problem type other than {@link Problems#UNAVAILABLE} (e.g. {@link Problems#OVERLOADED}). */
    public ServiceUnavailableException(URI type, String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.type = type;
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** Whole seconds for {@code Retry-After}, at least 1. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }

    /** The 503 problem that answers this failure. */
    public ProblemDetail problem() {
        return Problems.of(HttpStatus.SERVICE_UNAVAILABLE, type, "Service unavailable", getMessage());
    }
}
