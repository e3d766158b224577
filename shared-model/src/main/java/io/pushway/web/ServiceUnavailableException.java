package io.pushway.web;

import java.time.Duration;

/**
 * A dependency (Kafka, Redis) could not serve the request in time. Answered with 503 and a
 * {@code Retry-After} header; the request may be retried as is.
 */
public class ServiceUnavailableException extends RuntimeException {

    private final Duration retryAfter;

    public ServiceUnavailableException(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
