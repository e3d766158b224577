package io.pushway.delivery.session;

import io.pushway.delivery.inbox.InboxEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * The live events of one stream's feed that its client has not taken yet, bounded. When the bound is
 * exceeded the buffered events are dropped and the stream catches up instead — it reads the feed after
 * the last event it emitted, at the client's pace — then returns to live events. Nothing is lost: every
 * live event is in the feed before it is published. A client that takes nothing for longer than the
 * stall limit while events wait is disconnected with {@link StreamOverflowException}.
 *
 * <p>{@link #offer} may be called from any thread; {@link #events} has one subscriber.
 */
final class LiveBuffer {

    private final int capacity;
    private final Duration stallLimit;
    private final Queue<InboxEvent> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final Sinks.Many<Boolean> wakeups = Sinks.many().unicast().onBackpressureBuffer(Queues.<Boolean>one().get());
    private volatile boolean overflowed;
    private volatile long lastProgress = System.nanoTime();

    LiveBuffer(int capacity, Duration stallLimit) {
        this.capacity = capacity;
        this.stallLimit = stallLimit;
    }

    /** Adds a live event, or marks the buffer overflowed when it is full. */
    void offer(InboxEvent event) {
        if (!overflowed) {
            if (size.incrementAndGet() > capacity) {
                size.decrementAndGet();
                overflowed = true;
            } else {
                queue.add(event);
            }
        }
        wake();
    }

    /**
     * Buffered events as they arrive; after an overflow, what {@code catchUp} reads from the feed
     * instead. Requests one batch at a time, so catching up follows the client's demand.
     */
    Flux<InboxEvent> events(Supplier<Flux<InboxEvent>> catchUp) {
        return wakeups.asFlux().concatMap(wakeup -> {
            if (overflowed) {
                overflowed = false;
                queue.clear();
                size.set(0);
                return catchUp.get();
            }
            List<InboxEvent> batch = new ArrayList<>();
            for (InboxEvent event = queue.poll(); event != null; event = queue.poll()) {
                size.decrementAndGet();
                batch.add(event);
            }
            return Flux.fromIterable(batch);
        }, 1);
    }

    /** The client took an event. */
    void progressed() {
        lastProgress = System.nanoTime();
    }

    /** Ends the stream with {@code failure} (e.g. the feed can no longer be read). */
    void fail(Throwable failure) {
        synchronized (wakeups) {
            wakeups.tryEmitError(failure);
        }
    }

    /** Ends the stream if events have waited for the client longer than the stall limit. */
    void checkStalled() {
        boolean waiting = overflowed || size.get() > 0;
        if (waiting && System.nanoTime() - lastProgress > stallLimit.toNanos()) {
            fail(new StreamOverflowException(stallLimit));
        }
    }

    private void wake() {
        synchronized (wakeups) {
            wakeups.tryEmitNext(Boolean.TRUE);
        }
    }
}
