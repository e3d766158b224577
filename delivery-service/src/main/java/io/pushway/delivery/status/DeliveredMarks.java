package io.pushway.delivery.status;

import io.pushway.delivery.LuaScripts;
import io.pushway.delivery.ScriptPipeline;
import io.pushway.model.DeliveryState;
import io.pushway.model.RedisKeys;
import io.pushway.resilience.RedisCalls;
import io.pushway.resilience.UsesRedisScripts;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Inbox messages written to a stream, gathered in memory and recorded {@code DELIVERED} every
 * {@link #FLUSH_EVERY}: one {@code advance.lua} call per recipient for all its messages (at most
 * {@link #IDS_PER_CALL}), and the calls of every recipient sent to Redis in one write
 * ({@link ScriptPipeline}) under one guard, where a guarded call per delivered message was 6 % of a
 * replica's CPU under sustained load (docs/performance.md). A replayed backlog of a thousand messages costs a
 * few calls instead of a thousand. A state shows {@code DELIVERED} at most one interval late, stamped with
 * the time of its write. A failed write is not repeated: the states stay {@code QUEUED}, an
 * under-statement, never an over-statement (a client resuming from an entry confirms it,
 * {@link DeliveryStatus#confirmDeliveredUpTo}). What is pending is written when the replica stops.
 */
@Component
class DeliveredMarks implements DisposableBean, UsesRedisScripts {

    static final Duration FLUSH_EVERY = Duration.ofMillis(20);
    static final int IDS_PER_CALL = 500;
    private static final Logger log = LoggerFactory.getLogger(DeliveredMarks.class);
    private static final RedisScript<Long> ADVANCE = LuaScripts.load("advance", Long.class);

    private record Mark(String recipient, String messageId) {
    }

    private final Queue<Mark> pending = new ConcurrentLinkedQueue<>();
    private final ScriptPipeline pipeline;
    private final RedisCalls calls;
    private final Clock clock;
    private final Disposable flushing;

    @Autowired
    DeliveredMarks(ScriptPipeline pipeline, RedisCalls calls, Clock clock) {
        this(pipeline, calls, clock, FLUSH_EVERY);
    }

    DeliveredMarks(ScriptPipeline pipeline, RedisCalls calls, Clock clock, Duration flushEvery) {
        this.pipeline = pipeline;
        this.calls = calls;
        this.clock = clock;
        this.flushing = Flux.interval(flushEvery, flushEvery).onBackpressureDrop().concatMap(tick -> flush(), 1)
                .subscribe();
    }

    /** {@code messageId} was written to a stream of {@code recipient}. */
    void mark(String recipient, String messageId) {
        pending.add(new Mark(recipient, messageId));
    }

    /** Records every pending mark; emits how many states moved (0 when the write failed, which is logged). */
    Mono<Long> flush() {
        Map<String, List<String>> byRecipient = new LinkedHashMap<>();
        int count = 0;
        for (Mark mark = pending.poll(); mark != null; mark = pending.poll(), count++) {
            byRecipient.computeIfAbsent(mark.recipient(), recipient -> new ArrayList<>()).add(mark.messageId());
        }
        if (count == 0) {
            return Mono.just(0L);
        }
        String now = String.valueOf(clock.millis());
        List<ScriptPipeline.Call> advances = new ArrayList<>(byRecipient.size());
        byRecipient.forEach((recipient, ids) -> {
            for (int from = 0; from < ids.size(); from += IDS_PER_CALL) {
                List<String> args = new ArrayList<>(2 + IDS_PER_CALL);
                args.add(DeliveryState.DELIVERED.name());
                args.add(now);
                args.addAll(ids.subList(from, Math.min(ids.size(), from + IDS_PER_CALL)));
                advances.add(new ScriptPipeline.Call(List.of(RedisKeys.state(recipient)), args));
            }
        });
        int marks = count;
        return calls.write(pipeline.run(ADVANCE, advances))
                .map(moved -> moved.stream().mapToLong(Long::longValue).sum())
                .onErrorResume(e -> {
                    log.warn("Could not record the delivery of {} message(s): {}", marks, e.getMessage());
                    return Mono.just(0L);
                });
    }

    @Override
    public void destroy() {
        flushing.dispose();
        flush().block(Duration.ofSeconds(2));
    }

    @Override
    public List<RedisScript<?>> scripts() {
        return List.of(ADVANCE);
    }
}
