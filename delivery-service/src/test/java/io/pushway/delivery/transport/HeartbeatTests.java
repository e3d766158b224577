package io.pushway.delivery.transport;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** Heartbeats on virtual time: an idle stream gets every beat, a busy one none. */
class HeartbeatTests {

    private static final Duration BEAT = Duration.ofSeconds(10);
    private final StreamProperties properties = new StreamProperties(BEAT, Duration.ofSeconds(1));

    @Test
    void anIdleStreamGetsEveryBeat() {
        StepVerifier.withVirtualTime(() -> {
                    Heartbeat heartbeat = new Heartbeat(properties);
                    long opened = heartbeat.now();
                    return heartbeat.comments(() -> opened).map(comment -> comment.comment());
                })
                .thenAwait(BEAT.multipliedBy(3))
                .expectNext("hb", "hb", "hb")
                .thenCancel()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void aStreamThatSentWithinHalfTheIntervalSkipsTheBeat() {
        AtomicLong lastSent = new AtomicLong();
        StepVerifier.withVirtualTime(() -> {
                    Heartbeat heartbeat = new Heartbeat(properties);
                    lastSent.set(heartbeat.now());
                    // A message every 4 s (less than half the interval) until 30 s, then silence.
                    Flux.interval(Duration.ofSeconds(4)).take(7).subscribe(n -> lastSent.set(heartbeat.now()));
                    return heartbeat.comments(lastSent::get).map(comment -> comment.comment());
                })
                .expectSubscription()
                .expectNoEvent(Duration.ofSeconds(30))
                .thenAwait(Duration.ofSeconds(10))
                .expectNext("hb")
                .thenCancel()
                .verify(Duration.ofSeconds(5));
    }
}
