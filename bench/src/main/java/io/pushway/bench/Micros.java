package io.pushway.bench;

import java.time.Instant;
import java.util.concurrent.locks.LockSupport;

/** Wall-clock time in epoch microseconds (publisher, subscribers and services share the host's clock). */
final class Micros {

    private Micros() {
    }

    static long now() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    /** Parks the calling thread until the wall clock reaches {@code epochMicros}. */
    static void sleepUntil(long epochMicros) {
        long left;
        while ((left = epochMicros - now()) > 0) {
            LockSupport.parkNanos(Math.min(left, 100_000) * 1_000);
        }
    }

    static double millis(long micros) {
        return Math.round(micros / 10.0) / 100.0;
    }
}
