package io.pushway.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;

/** Guarded Redis calls: the resilience4j instances named {@code redis}. */
public final class RedisCalls extends DependencyCalls {

    public RedisCalls(CircuitBreakerRegistry breakers, TimeLimiterRegistry deadlines, RetryRegistry retries) {
        super("redis", breakers, deadlines, retries);
    }
}
