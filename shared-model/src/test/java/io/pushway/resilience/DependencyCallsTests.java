package io.pushway.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.pushway.web.ServiceUnavailableException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** Deadline, breaker and retries around one dependency's calls; every failure a 503 to retry. */
class DependencyCallsTests {

    private static final Duration OPEN_WAIT = Duration.ofSeconds(7);

    private final DependencyCalls calls = new DependencyCalls("store",
            CircuitBreakerRegistry.of(CircuitBreakerConfig.custom().waitDurationInOpenState(OPEN_WAIT).build()),
            TimeLimiterRegistry.of(TimeLimiterConfig.custom().timeoutDuration(Duration.ofMillis(200)).build()),
            RetryRegistry.of(RetryConfig.custom().maxAttempts(3).waitDuration(Duration.ofMillis(10)).build()));
    private final AtomicInteger attempts = new AtomicInteger();

    @Test
    void writeIsOneAttemptAndItsFailureIsUnavailableToRetrySoon() {
        StepVerifier.create(calls.write(failing(Mono.just("written"), 1)))
                .verifyErrorSatisfies(e -> assertThat(e).isInstanceOf(ServiceUnavailableException.class)
                        .hasMessage("store did not answer; retry later")
                        .extracting(f -> ((ServiceUnavailableException) f).retryAfter()).isEqualTo(DependencyCalls.RETRY_SOON));
        assertThat(attempts).hasValue(1);
    }

    @Test
    void readIsRetriedUntilItAnswers() {
        StepVerifier.create(calls.read(failing(Mono.just("read"), 2))).expectNext("read").verifyComplete();
        assertThat(attempts).hasValue(3);
    }

    @Test
    void readOfSeveralItemsIsRetriedUntilItAnswers() {
        StepVerifier.create(calls.read(failing(Flux.just("a", "b"), 2))).expectNext("a", "b").verifyComplete();
        assertThat(attempts).hasValue(3);
    }

    @Test
    void readThatFailsEveryAttemptIsUnavailable() {
        StepVerifier.create(calls.read(failing(Mono.just("read"), 5)))
                .verifyErrorSatisfies(e -> assertThat(e).isInstanceOf(ServiceUnavailableException.class)
                        .hasMessage("store did not answer; retry later"));
        assertThat(attempts).hasValue(3);
    }

    @Test
    void attemptPastTheDeadlineIsUnavailable() {
        StepVerifier.create(calls.write(Mono.never()))
                .verifyErrorSatisfies(e -> assertThat(e).isInstanceOf(ServiceUnavailableException.class)
                        .hasMessage("store did not answer; retry later")
                        .hasCauseInstanceOf(TimeoutException.class));
    }

    @Test
    void openBreakerRefusesAtOnceWithItsWaitAsRetryAfter() {
        calls.breaker().transitionToOpenState();

        StepVerifier.create(calls.read(failing(Mono.just("read"), 0)))
                .verifyErrorSatisfies(e -> assertThat(e).isInstanceOf(ServiceUnavailableException.class)
                        .hasMessage("store is unavailable; retry later")
                        .hasCauseInstanceOf(CallNotPermittedException.class)
                        .extracting(f -> ((ServiceUnavailableException) f).retryAfter()).isEqualTo(OPEN_WAIT));
        assertThat(attempts).hasValue(0);
    }

    @Test
    void serviceUnavailableFromTheCallPassesAsItIs() {
        ServiceUnavailableException overloaded = new ServiceUnavailableException("full", Duration.ofSeconds(3), null);

        StepVerifier.create(calls.write(Mono.error(overloaded))).verifyErrorSatisfies(e -> assertThat(e).isSameAs(overloaded));
    }

    /**
     * A dependency's client hands every answer to its caller on its own I/O thread, one answer after
     * another; a caller that then works long on what it read (replaying it to a stream) on that thread
     * would hold up the answers queued behind it until they missed their deadline, and the breaker would
     * count a dependency failure that is the caller's own queueing. Each read's answer is handed on, so
     * the next one is in time.
     */
    @Test
    void aCallerWorkingLongOnAReadDoesNotHoldUpTheNextAnswer() throws InterruptedException {
        Scheduler clientThread = Schedulers.newSingle("client-io");
        try {
            CountDownLatch ended = new CountDownLatch(2);
            List<String> outcomes = new CopyOnWriteArrayList<>();
            calls.read(Mono.fromCallable(() -> "first").subscribeOn(clientThread))
                    .doOnNext(answer -> sleep(Duration.ofMillis(600))) // three deadlines of work on the answer
                    .doFinally(signal -> ended.countDown())
                    .subscribe(outcomes::add, e -> outcomes.add("first failed: " + e.getMessage()));
            calls.read(Mono.fromCallable(() -> "second").subscribeOn(clientThread))
                    .doFinally(signal -> ended.countDown())
                    .subscribe(outcomes::add, e -> outcomes.add("second failed: " + e.getMessage()));

            assertThat(ended.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(outcomes).containsExactlyInAnyOrder("first", "second");
            assertThat(calls.breaker().getMetrics().getNumberOfFailedCalls()).isZero();
        } finally {
            clientThread.dispose();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code answer}, after its first {@code failures} subscriptions failed. */
    private <T> Mono<T> failing(Mono<T> answer, int failures) {
        return Mono.defer(() -> attempts.incrementAndGet() <= failures ? Mono.error(new IllegalStateException("down")) : answer);
    }

    private <T> Flux<T> failing(Flux<T> answer, int failures) {
        return Flux.defer(() -> attempts.incrementAndGet() <= failures ? Flux.error(new IllegalStateException("down")) : answer);
    }
}
