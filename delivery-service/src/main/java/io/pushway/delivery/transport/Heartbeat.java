package io.pushway.delivery.transport;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * One heartbeat timer for all streams of the replica (not one timer per stream). An SSE stream gets a
 * beat unless it sent an event within the last half interval: a busy stream needs none (and 10,000 busy
 * streams would otherwise all take one write at the same instant), an idle one gets every beat, and
 * none is silent longer than 1.5 intervals.
 */
@Component
class Heartbeat {

    private static final ServerSentEvent<String> COMMENT = ServerSentEvent.<String>builder().comment("hb").build();

    private final Flux<Long> ticks;
    private final long quietMillis;
    private final Scheduler clock = Schedulers.parallel();

    Heartbeat(StreamProperties properties) {
        this.ticks = Flux.interval(properties.heartbeat(), properties.heartbeat()).share();
        this.quietMillis = properties.heartbeat().toMillis() / 2;
    }

    /** Every beat, shared by every subscriber (WebSocket pings). */
    Flux<Long> ticks() {
        return ticks;
    }

    /** Heartbeat comments for a stream whose last write happened at {@code lastSent} (in {@link #now()}). */
    Flux<ServerSentEvent<String>> comments(LongSupplier lastSent) {
        return ticks.filter(tick -> now() - lastSent.getAsLong() >= quietMillis).map(tick -> COMMENT);
    }

    /** The time a stream records as its last write, in ms (the timer's clock, so tests can use virtual time). */
    long now() {
        return clock.now(TimeUnit.MILLISECONDS);
    }
}
