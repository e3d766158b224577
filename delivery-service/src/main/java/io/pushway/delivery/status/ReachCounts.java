package io.pushway.delivery.status;

import io.pushway.model.RedisKeys;
import io.pushway.resilience.RedisCalls;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * How many streams each topic message was written to, counted in memory and added to its topic's state
 * hash every {@link #FLUSH_EVERY}: one {@code HINCRBY} per message and replica per interval, where a
 * message fanned out to 10,000 streams would otherwise cost 10,000 Redis calls. The count in Redis is
 * at most one interval behind. A failed write is not repeated (it may have been applied): the count
 * may understate, never overstate. What is pending is written when the replica stops.
 */
@Component
class ReachCounts implements DisposableBean {

    static final Duration FLUSH_EVERY = Duration.ofMillis(200);
    private static final Logger log = LoggerFactory.getLogger(ReachCounts.class);

    private record Reach(String topic, String messageId) {
    }

    private final ConcurrentHashMap<Reach, Long> pending = new ConcurrentHashMap<>();
    private final ReactiveStringRedisTemplate redis;
    private final RedisCalls calls;
    private final Disposable flushing;

    ReachCounts(ReactiveStringRedisTemplate redis, RedisCalls calls) {
        this.redis = redis;
        this.calls = calls;
        this.flushing = Flux.interval(FLUSH_EVERY, FLUSH_EVERY).onBackpressureDrop().concatMap(tick -> flush(), 1)
                .subscribe();
    }

    /** One more stream reached by {@code messageId} of {@code topic}. */
    void count(String topic, String messageId) {
        pending.merge(new Reach(topic, messageId), 1L, Long::sum);
    }

    /** Writes and forgets every pending count; each key is taken atomically, so no count is lost or doubled. */
    Mono<Void> flush() {
        return Flux.fromIterable(pending.keySet())
                .flatMap(reach -> {
                    Long streams = pending.remove(reach);
                    return streams == null ? Mono.empty()
                            : calls.write(redis.opsForHash().increment(RedisKeys.topicState(reach.topic()),
                                    RedisKeys.reachField(reach.messageId()), streams))
                            .doOnError(e -> log.warn("Could not record that {} more stream(s) got message {}: {}",
                                    streams, reach.messageId(), e.getMessage()))
                            .onErrorComplete();
                }, 64)
                .then();
    }

    @Override
    public void destroy() {
        flushing.dispose();
        flush().block(Duration.ofSeconds(2));
    }
}
