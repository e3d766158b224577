package io.pushway.serverstatus;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.springframework.beans.factory.DisposableBean;
import reactor.core.Disposable;
import reactor.core.scheduler.Schedulers;

/**
 * Per-second rates over the last minute of the service's Pushway counters ({@code published}:
 * accepted publishes, {@code delivered}: events handed to streams), from samples of the cumulative
 * counters every five seconds. A counter the service does not have is left out. Thread-safe.
 */
class RecentRates implements DisposableBean {

    static final Duration WINDOW = Duration.ofMinutes(1);
    private static final Duration EVERY = Duration.ofSeconds(5);

    /** The rates reported, by name: which counter (and tag) each one reads. */
    private static final Map<String, String[]> COUNTERS = Map.of(
            "published", new String[] {"pushway.published", "result", "accepted"},
            "delivered", new String[] {"pushway.delivered"});

    private record Sample(long nanos, Map<String, Double> counts) {
    }

    private final MeterRegistry meters;
    private final LongSupplier clock;
    private final Deque<Sample> samples = new ArrayDeque<>();
    private final Disposable sampling;

    RecentRates(MeterRegistry meters) {
        this(meters, System::nanoTime, true);
    }

    RecentRates(MeterRegistry meters, LongSupplier clock, boolean sampleEveryFewSeconds) {
        this.meters = meters;
        this.clock = clock;
        sample();
        this.sampling = sampleEveryFewSeconds
                ? Schedulers.parallel().schedulePeriodically(this::sample, EVERY.toMillis(), EVERY.toMillis(),
                        TimeUnit.MILLISECONDS)
                : () -> { };
    }

    /** Records the counters now, and forgets samples older than the window. */
    synchronized void sample() {
        long now = clock.getAsLong();
        samples.addLast(new Sample(now, counts()));
        while (samples.size() > 1 && now - samples.peekFirst().nanos() > WINDOW.toNanos()) {
            samples.removeFirst();
        }
    }

    /** Events per second since the oldest sample in the window, up to now; empty before any time passed. */
    synchronized Map<String, Double> perSecond() {
        Map<String, Double> now = counts();
        Sample oldest = samples.peekFirst();
        double seconds = (clock.getAsLong() - oldest.nanos()) / 1e9;
        Map<String, Double> rates = new LinkedHashMap<>();
        now.forEach((name, count) -> rates.put(name,
                seconds <= 0 ? 0.0 : Math.max(0, count - oldest.counts().getOrDefault(name, 0.0)) / seconds));
        return rates;
    }

    private Map<String, Double> counts() {
        Map<String, Double> counts = new TreeMap<>();
        COUNTERS.forEach((name, meter) -> {
            var search = meters.find(meter[0]);
            if (meter.length == 3) {
                search = search.tag(meter[1], meter[2]);
            }
            var counters = search.counters();
            if (!counters.isEmpty()) {
                counts.put(name, counters.stream().mapToDouble(Counter::count).sum());
            }
        });
        return counts;
    }

    @Override
    public void destroy() {
        sampling.dispose();
    }
}
