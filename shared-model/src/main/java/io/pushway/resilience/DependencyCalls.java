package io.pushway.resilience;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.github.resilience4j.reactor.retry.RetryOperator;
import io.github.resilience4j.reactor.timelimiter.TimeLimiterOperator;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.pushway.web.ServiceUnavailableException;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Calls to one dependency, guarded by the resilience4j instances of its name: each attempt has a
 * deadline (time limiter), every attempt goes through the circuit breaker, and {@linkplain #read reads}
 * — idempotent, so safe to repeat — are retried a bounded number of times. A call refused by an open
 * breaker fails at once, without touching the dependency.
 *
 * <p>Every failure surfaces as {@link ServiceUnavailableException}: {@code Retry-After} is the
 * breaker's wait in the open state when it refused the call, else {@link #RETRY_SOON}.
 *
 * <p>A {@linkplain #read read}'s answer reaches its caller on the {@code parallel} scheduler, not on the
 * client's I/O thread that received it: a client such as Lettuce receives the answers of one connection
 * on one thread, one after another, and a caller that worked there on what it read (replaying it to a
 * stream, answering a request) would hold up every answer behind it until they missed their deadline —
 * a burst of stream opens on a starting replica then opened the breaker as if the dependency had failed.
 * A {@linkplain #write write}'s outcome stays on the client's thread: its callers only take note of it
 * (an append, a state change), and a hand-off per delivered message cost the delivery replicas a third
 * more CPU. A caller that starts long work on a write's outcome hands it off itself. Thread-safe.
 */
public class DependencyCalls {

    /** {@code Retry-After} of a failed call while the breaker is still closed. */
    public static final Duration RETRY_SOON = Duration.ofSeconds(1);

    private final String name;
    private final CircuitBreaker breaker;
    private final TimeLimiter deadline;
    private final RetryRegistry retries;

    DependencyCalls(String name, CircuitBreakerRegistry breakers, TimeLimiterRegistry deadlines, RetryRegistry retries) {
        this.name = name;
        this.breaker = breakers.circuitBreaker(name);
        this.deadline = deadlines.timeLimiter(name);
        this.retries = retries;
    }

    /** A call that changes state: one attempt within the deadline, through the breaker. */
    public <T> Mono<T> write(Mono<T> call) {
        return (Mono<T>) guarded(call, false);
    }

    /**
     * An idempotent read: as {@link #write}, retried (not when the breaker refuses it); the answer reaches
     * the caller on the {@code parallel} scheduler.
     */
    public <T> Mono<T> read(Mono<T> call) {
        return ((Mono<T>) guarded(call, true)).publishOn(Schedulers.parallel());
    }

    /** An idempotent read of several items, as {@link #read(Mono)}; the deadline applies to each item. */
    public <T> Flux<T> read(Flux<T> call) {
        return ((Flux<T>) guarded(call, true)).publishOn(Schedulers.parallel());
    }

    /** The dependency's circuit breaker (its state is exported as a metric). */
    public CircuitBreaker breaker() {
        return breaker;
    }

    /**
     * The one chain of every call, in order: the deadline, the breaker, the retries if {@code retried},
     * then failures as {@link ServiceUnavailableException}. A Mono stays a Mono and a Flux a Flux.
     */
    private <T> Publisher<T> guarded(Publisher<T> call, boolean retried) {
        Publisher<T> attempt = transform(transform(call, TimeLimiterOperator.of(deadline)), CircuitBreakerOperator.of(breaker));
        Publisher<T> tried = retried ? transform(attempt, RetryOperator.of(retries.retry(name))) : attempt;
        return tried instanceof Mono<T> mono ? mono.onErrorMap(this::unavailable)
                : ((Flux<T>) tried).onErrorMap(this::unavailable);
    }

    /**
     * {@code call.transform(operator)} on the Mono or Flux that {@code call} is: the same assembly as a
     * chain of {@code transform}s (with automatic context propagation, {@code transform} wraps an
     * operator that is not Reactor's own, such as resilience4j's, to restore thread-locals).
     */
    private static <T> Publisher<T> transform(Publisher<T> call, UnaryOperator<Publisher<T>> operator) {
        return call instanceof Mono<T> mono ? mono.transform(operator) : ((Flux<T>) call).transform(operator);
    }

    private Throwable unavailable(Throwable e) {
        if (e instanceof ServiceUnavailableException) {
            return e;
        }
        if (e instanceof CallNotPermittedException) {
            Duration wait = Duration.ofMillis(breaker.getCircuitBreakerConfig().getWaitIntervalFunctionInOpenState().apply(1));
            return new ServiceUnavailableException(name + " is unavailable; retry later", wait, e);
        }
        return new ServiceUnavailableException(name + " did not answer; retry later", RETRY_SOON, e);
    }
}
