package io.pushway.delivery.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class StreamClosingTests {

    @Test
    void stoppingSignalsOpenStreamsAndARestartArmsANewSignal() {
        StreamClosing closing = new StreamClosing();
        closing.start();
        var before = closing.signal();

        closing.stop();
        StepVerifier.create(before).verifyComplete();

        closing.start();
        assertThat(closing.isRunning()).isTrue();
        StepVerifier.create(closing.signal()).expectSubscription().expectNoEvent(Duration.ofMillis(100)).thenCancel().verify();
    }
}
