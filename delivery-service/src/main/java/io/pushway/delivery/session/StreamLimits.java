package io.pushway.delivery.session;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;

/**
 * Bounds the streams one user holds open on this replica ({@code pushway.session.max-streams-per-user}),
 * so a leaking client cannot exhaust a replica. Thread-safe.
 */
@Component
public class StreamLimits {

    private final ConcurrentMap<String, Integer> open = new ConcurrentHashMap<>();
    private final int max;

    StreamLimits(SessionProperties properties) {
        this.max = properties.maxStreamsPerUser();
    }

    /** Takes a stream slot for {@code user}; {@code false} when the user already holds the maximum. */
    public boolean tryOpen(String user) {
        boolean[] granted = {false};
        open.compute(user, (key, count) -> {
            int current = count == null ? 0 : count;
            granted[0] = current < max;
            return granted[0] ? current + 1 : count;
        });
        return granted[0];
    }

    /** Gives back a slot taken by {@link #tryOpen}. */
    public void closed(String user) {
        open.computeIfPresent(user, (key, count) -> count <= 1 ? null : count - 1);
    }
}
