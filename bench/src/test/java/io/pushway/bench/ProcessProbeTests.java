package io.pushway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ProcessProbeTests {

    private static final long SELF = ProcessHandle.current().pid();

    @Test
    void cpuTimeGrowsWithWorkAndIsUnknownForNoProcess() {
        double before = ProcessProbe.cpuSeconds(SELF);
        spin(Duration.ofMillis(300));

        assertThat(before).isGreaterThanOrEqualTo(0);
        assertThat(ProcessProbe.cpuSeconds(SELF)).isGreaterThanOrEqualTo(before + 0.1);
        assertThat(ProcessProbe.cpuSeconds(0)).isEqualTo(-1);
    }

    @Test
    void aBusyProcessIsWaitedForUntilTheTimeoutAndAQuietOneForOneWindow() throws InterruptedException {
        AtomicBoolean busy = new AtomicBoolean(true);
        Thread spinner = new Thread(() -> {
            while (busy.get()) {
                Thread.onSpinWait();
            }
        });
        spinner.start();
        try {
            assertThat(ProcessProbe.awaitQuiet(List.of(SELF), 0.5, Duration.ofMillis(200), Duration.ofMillis(1000)))
                    .isEqualTo(1.0);
        } finally {
            busy.set(false);
            spinner.join();
        }
        assertThat(ProcessProbe.awaitQuiet(List.of(SELF), 0.5, Duration.ofMillis(200), Duration.ofSeconds(10)))
                .isLessThan(2.0);
    }

    private static void spin(Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        long sink = 0;
        while (System.nanoTime() < end) {
            sink += end % 7;
        }
        assertThat(sink).isNotNegative();
    }
}
