package io.pushway.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;

/**
 * Guarded Kafka producer calls: the resilience4j instances named {@code kafka}. Publishing is a
 * write, never retried here (a retry is the client's, with its {@code Idempotency-Key}).
 */
public final class KafkaCalls extends DependencyCalls {

    public KafkaCalls(CircuitBreakerRegistry breakers, TimeLimiterRegistry deadlines, RetryRegistry retries) {
        super("kafka", breakers, deadlines, retries);
    }
}
