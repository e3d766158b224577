package io.pushway.delivery.routing;

import io.pushway.delivery.inbox.Feed;
import io.pushway.delivery.inbox.InboxEvent;
import java.util.function.Consumer;
import reactor.core.publisher.Mono;

/** Port: live events of a feed (inbox or topic), published by whichever replica appended them. */
public interface LiveEvents {

    /**
     * Registers {@code listener} for {@code feed}'s live events. The returned {@link Mono}
     * completes once the subscription is active on the broker: every event appended after that
     * reaches the listener (in append order). Close the {@link Registration} to stop.
     * {@code listener} is called on a shared thread and must not block.
     */
    Mono<Registration> register(Feed feed, Consumer<InboxEvent> listener);

    /** An active registration. */
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
