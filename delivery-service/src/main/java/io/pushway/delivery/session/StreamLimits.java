package io.pushway.delivery.session;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * Bounds the streams one user holds open on this replica ({@code pushway.session.max-streams-per-user}),
 * so a leaking client cannot exhaust a replica, and the streams the replica holds in all
 * ({@code pushway.session.max-streams}, by default what its heap holds: one per {@link #HEAP_PER_STREAM}),
 * so a replica refuses a stream instead of running out of memory. Thread-safe.
 */
@Component
public class StreamLimits {

    /** Heap planned per open stream when {@code max-streams} is not set (about 46 KB measured, plus room). */
    static final long HEAP_PER_STREAM = 64 * 1024;

    /** Whether a stream may open, and if not, whose limit stops it. */
    public enum Admission {
        OPENED, USER_LIMIT, REPLICA_FULL
    }

    private final ConcurrentMap<String, Integer> open = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    private final int maxPerUser;
    private final int max;

    StreamLimits(SessionProperties properties) {
        this.maxPerUser = properties.maxStreamsPerUser();
        this.max = properties.maxStreams() > 0 ? properties.maxStreams()
                : (int) Math.max(1, Runtime.getRuntime().maxMemory() / HEAP_PER_STREAM);
    }

    /** Takes a stream slot for {@code user}; give it back with {@link #closed} when it was {@link Admission#OPENED}. */
    public Admission tryOpen(String user) {
        if (total.incrementAndGet() > max) {
            total.decrementAndGet();
            return Admission.REPLICA_FULL;
        }
        boolean[] granted = {false};
        open.compute(user, (key, count) -> {
            int current = count == null ? 0 : count;
            granted[0] = current < maxPerUser;
            return granted[0] ? current + 1 : count;
        });
        if (!granted[0]) {
            total.decrementAndGet();
            return Admission.USER_LIMIT;
        }
        return Admission.OPENED;
    }

    /** Gives back a slot taken by {@link #tryOpen}. */
    public void closed(String user) {
        open.computeIfPresent(user, (key, count) -> count <= 1 ? null : count - 1);
        total.decrementAndGet();
    }

    /** The most streams this replica holds open. */
    public int max() {
        return max;
    }
}
