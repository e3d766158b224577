/**
 * Resilience around Pushway's dependencies: every Redis and Kafka call goes through a
 * {@link io.pushway.resilience.DependencyCalls} ({@link io.pushway.resilience.RedisCalls},
 * {@link io.pushway.resilience.KafkaCalls}) — a deadline, a circuit breaker and, for idempotent reads
 * only, a bounded retry — configured as resilience4j instances named after the dependency
 * ({@code resilience4j.circuitbreaker.instances.redis}, {@code resilience4j.timelimiter.instances.redis},
 * {@code resilience4j.retry.instances.redis}, …). A failed or refused call surfaces as
 * {@link io.pushway.web.ServiceUnavailableException}: 503 with {@code Retry-After}.
 */
package io.pushway.resilience;
