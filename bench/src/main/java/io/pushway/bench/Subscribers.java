package io.pushway.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A set of SSE subscribers with distinct subjects ({@code <prefix>-<i>}), subscriber i on replica
 * {@code i % replicas}; fails when none opens. Deliveries count toward the {@linkplain #measure current tally} when their
 * payload carries its tag, and are ignored otherwise.
 */
final class Subscribers implements AutoCloseable {

    private static final int CONNECTS_IN_FLIGHT = 128;
    /** Opening stops after this many failures (or 1 % of the streams, if more): the target is in trouble. */
    private static final int MAX_FAILURES = 50;

    private final List<Subscriber> subscribers = new ArrayList<>();
    private final List<String> subjects = new ArrayList<>();
    private final AtomicInteger failures = new AtomicInteger();
    private volatile Tally tally;
    private volatile String lastFailure;

    /**
     * Opens {@code count} streams ({@code query} appended to {@code /api/v1/stream}, e.g.
     * {@code ?topics=x}) and waits until each is live or failed; stops opening more after
     * {@value #MAX_FAILURES} failures (or 1 % of {@code count}, if more).
     */
    static Subscribers open(Context context, String prefix, int count, List<Target.Replica> replicas, String query) {
        return open(context, prefix, count, replicas, query, null);
    }

    /**
     * As {@link #open(Context, String, int, List, String)}, counting deliveries toward {@code measuring} from
     * the first stream opened on (a stream with a backlog delivers as soon as it is open).
     */
    static Subscribers open(Context context, String prefix, int count, List<Target.Replica> replicas, String query,
            Tally measuring) {
        Subscribers set = new Subscribers();
        set.tally = measuring;
        for (int i = 0; i < count; i++) {
            set.subjects.add(prefix + "-" + i);
            set.subscribers.add(new Subscriber(i, set));
        }
        List<String> tokens = context.tokens().subscribers(set.subjects);
        int maxFailures = Math.max(MAX_FAILURES, count / 100);
        Flux.range(0, count).takeWhile(i -> set.failures.get() < maxFailures).flatMap(i -> set.subscribers.get(i)
                        .open(context.clients().streams(), replicas.get(i % replicas.size()).url() + "/api/v1/stream" + query,
                                tokens.get(i))
                        .onErrorResume(e -> {
                            set.failures.incrementAndGet();
                            set.lastFailure = e.getMessage();
                            return Mono.empty();
                        }), CONNECTS_IN_FLIGHT)
                .then().block(Duration.ofMinutes(10));
        if (set.liveCount() == 0) {
            set.close();
            throw new IllegalStateException("no stream opened; last failure: " + set.lastFailure);
        }
        return set;
    }

    /**
     * The subjects of the streams live now, each as its subscriber's index in {@code all} order: scenarios
     * address only these (a stream that never opened is not a subscriber whose messages could be lost).
     */
    List<String> liveSubjects() {
        List<String> live = new ArrayList<>();
        for (int i = 0; i < subscribers.size(); i++) {
            if (subscribers.get(i).live()) {
                live.add(subjects.get(i));
            }
        }
        return live;
    }

    /** How many streams are live now. */
    int liveCount() {
        return (int) subscribers.stream().filter(Subscriber::live).count();
    }

    /** Starts counting deliveries of a new tag; returns its tally. */
    Tally measure(String tag) {
        return measure(new Tally(tag));
    }

    /** Starts counting deliveries of a new tag, with latencies into {@code latency}; returns its tally. */
    Tally measure(String tag, org.HdrHistogram.ConcurrentHistogram latency) {
        return measure(new Tally(tag, latency));
    }

    private Tally measure(Tally next) {
        tally = next;
        return next;
    }

    void delivered(int subscriber, String tag, long seq, long sentMicros, long receivedMicros) {
        Tally current = tally;
        if (current != null && current.tag().equals(tag)) {
            current.delivered(subscriber, seq, sentMicros, receivedMicros);
        }
    }

    /** Streams that failed to open. */
    int failures() {
        return failures.get();
    }

    /** Streams that were live and have ended since. */
    long dropped() {
        return subscribers.stream().filter(Subscriber::dropped).count();
    }

    /** Heartbeats received so far by each stream, -1 for a stream that is not live. */
    int[] heartbeats() {
        return subscribers.stream().mapToInt(s -> s.live() ? s.heartbeats() : -1).toArray();
    }

    /** streams, live streams, open failures, streams dropped after they were live, and the last failure. */
    void put(Map<String, Object> metrics) {
        metrics.put("streams", subscribers.size());
        metrics.put("streams_live", liveCount());
        metrics.put("stream_open_failures", failures.get());
        metrics.put("streams_dropped", dropped());
        if (lastFailure != null) {
            metrics.put("stream_last_failure", lastFailure);
        }
    }

    @Override
    public void close() {
        subscribers.forEach(Subscriber::close);
    }
}
