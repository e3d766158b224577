package io.pushway.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The guarded Redis calls both services use; the registries come from resilience4j's auto-configuration. */
@Configuration(proxyBeanMethods = false)
public class ResilienceConfiguration {

    @Bean
    RedisCalls redisCalls(CircuitBreakerRegistry breakers, TimeLimiterRegistry deadlines, RetryRegistry retries) {
        return new RedisCalls(breakers, deadlines, retries);
    }
}
