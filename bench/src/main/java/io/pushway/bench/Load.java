package io.pushway.bench;

import java.time.Duration;
import java.util.function.IntFunction;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Load shapes. Open loop: requests leave at fixed intended times whatever the answers do, and each
 * carries its intended time, so latency counts the time a late request waited (no coordinated
 * omission). Closed loop: a fixed number of requests in flight, for maximum throughput.
 */
final class Load {

    private static final Duration ANSWER_WAIT = Duration.ofSeconds(40);

    /** Sends request {@code seq} at its intended time (epoch µs) and returns its answer. */
    interface Send {
        Mono<Void> send(int seq, long intendedMicros);
    }

    private Load() {
    }

    /**
     * Sends {@code perSecond} requests a second for {@code duration} from one pacing thread, then waits
     * up to 40 s for the outstanding answers and cancels the requests still unanswered; returns the
     * number of requests.
     */
    static int openLoop(double perSecond, Duration duration, Send send, PublishStats stats) {
        return openLoop(perSecond, duration, send, stats, ANSWER_WAIT);
    }

    /**
     * {@link #openLoop(double, Duration, Send, PublishStats)} with its wait for answers. The cancel
     * fixes the set of accepted messages before their deliveries are counted: an answer arriving
     * later would add a message to it that the count never waited for (measured as lost). A message
     * the service accepted for a cancelled request counts as delivered but unconfirmed.
     */
    static int openLoop(double perSecond, Duration duration, Send send, PublishStats stats, Duration answerWait) {
        int count = (int) Math.max(1, Math.round(perSecond * duration.toNanos() / 1e9));
        double interval = 1_000_000 / perSecond;
        long start = Micros.now() + 20_000;
        Disposable.Composite requests = Disposables.composite();
        for (int seq = 0; seq < count; seq++) {
            long intended = start + Math.round(seq * interval);
            Micros.sleepUntil(intended);
            requests.add(send.send(seq, intended).subscribe());
        }
        awaitAnswers(stats, answerWait);
        requests.dispose();
        return count;
    }

    /** Keeps {@code concurrency} requests in flight for {@code duration}; returns the seconds it took. */
    static double closedLoop(int concurrency, Duration duration, IntFunction<Mono<Void>> send) {
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        Flux.range(0, Integer.MAX_VALUE).takeWhile(seq -> System.nanoTime() < deadline)
                .flatMap(send::apply, concurrency).then().block(duration.plus(ANSWER_WAIT));
        return (System.nanoTime() - start) / 1e9;
    }

    private static void awaitAnswers(PublishStats stats, Duration answerWait) {
        long deadline = System.nanoTime() + answerWait.toNanos();
        while (stats.outstanding() > 0 && System.nanoTime() < deadline) {
            Micros.sleepUntil(Micros.now() + 10_000);
        }
    }
}
