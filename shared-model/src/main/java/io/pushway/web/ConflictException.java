package io.pushway.web;

import java.time.Duration;

/** The request conflicts with one still in progress; answered with 409 and {@code Retry-After}. */
public class ConflictException extends RuntimeException {

    private final Duration retryAfter;

    public ConflictException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
