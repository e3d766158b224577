package io.pushway.delivery.transport;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Graceful shutdown of streams: stops before the web server's graceful shutdown, ending every open
 * stream with a reconnect event so clients move to another replica at once instead of holding the
 * shutdown until its timeout. A context may be stopped and started again (Spring's test framework
 * pauses idle contexts this way): each start arms a new signal.
 */
@Component
class StreamClosing implements SmartLifecycle {

    private volatile Sinks.Empty<Void> closing = Sinks.empty();
    private volatile boolean running;

    /** Completes when the replica starts shutting down. */
    Mono<Void> signal() {
        return closing.asMono();
    }

    @Override
    public synchronized void start() {
        if (!running) {
            closing = Sinks.empty();
            running = true;
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        closing.tryEmitEmpty();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
