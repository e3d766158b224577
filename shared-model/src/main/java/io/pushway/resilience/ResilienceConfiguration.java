package io.pushway.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * The guarded Redis calls both services use (the registries come from resilience4j's auto-configuration),
 * and their scripts loaded before the service is ready.
 */
@Configuration(proxyBeanMethods = false)
public class ResilienceConfiguration {

    @Bean
    RedisCalls redisCalls(CircuitBreakerRegistry breakers, TimeLimiterRegistry deadlines, RetryRegistry retries) {
        return new RedisCalls(breakers, deadlines, retries);
    }

    @Bean
    RedisScriptsPreload redisScriptsPreload(ReactiveStringRedisTemplate redis, ObjectProvider<UsesRedisScripts> users) {
        return new RedisScriptsPreload(redis, users);
    }
}
