package io.pushway.serverstatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RecentRatesTests {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final AtomicLong nanos = new AtomicLong();
    private final Counter accepted = meters.counter("pushway.published", "result", "accepted");
    private final Counter duplicate = meters.counter("pushway.published", "result", "duplicate");

    @Test
    void rateIsOverTheLastMinuteOnly() {
        RecentRates rates = new RecentRates(meters, nanos::get, false);
        accepted.increment(600);           // all in the first minute
        advance(60);
        rates.sample();
        accepted.increment(30);            // 30 in the next 30 s
        advance(30);

        assertThat(rates.perSecond()).containsOnlyKeys("published");
        // the sample at 0 s is now 90 s old and forgotten; the one at 60 s is the oldest: 30 in 30 s
        rates.sample();
        assertThat(rates.perSecond().get("published")).isCloseTo(1.0, within(0.001));
    }

    @Test
    void countsOnlyAcceptedPublishesAndLeavesOutCountersTheServiceLacks() {
        RecentRates rates = new RecentRates(meters, nanos::get, false);
        accepted.increment(10);
        duplicate.increment(1000);
        advance(10);

        assertThat(rates.perSecond()).containsOnlyKeys("published");
        assertThat(rates.perSecond().get("published")).isCloseTo(1.0, within(0.001));
    }

    @Test
    void deliveredCounterIsReportedWhenPresent() {
        Counter delivered = meters.counter("pushway.delivered");
        RecentRates rates = new RecentRates(meters, nanos::get, false);
        delivered.increment(50);
        advance(5);

        assertThat(rates.perSecond().get("delivered")).isCloseTo(10.0, within(0.001));
    }

    @Test
    void noTimePassedMeansZeroNotInfinity() {
        RecentRates rates = new RecentRates(meters, nanos::get, false);
        accepted.increment(5);

        assertThat(rates.perSecond().get("published")).isZero();
    }

    private void advance(long seconds) {
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(seconds));
    }
}
