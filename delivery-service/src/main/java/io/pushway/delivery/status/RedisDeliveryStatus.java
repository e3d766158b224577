package io.pushway.delivery.status;

import io.pushway.delivery.LuaScripts;
import io.pushway.delivery.inbox.EntryId;
import io.pushway.delivery.metrics.DeliveryMetrics;
import io.pushway.model.DeliveryState;
import io.pushway.model.RedisKeys;
import io.pushway.resilience.RedisCalls;
import io.pushway.resilience.UsesRedisScripts;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@link DeliveryStatus} in {@code state:{r}}, with the transition checks inside {@code scripts/advance.lua} and
 * {@code scripts/acknowledge.lua}. Every call is a guarded write ({@link RedisCalls}); deliveries of inbox
 * messages and reach counts of topic messages are gathered and written in batches ({@link DeliveredMarks},
 * {@link ReachCounts}).
 */
@Component
class RedisDeliveryStatus implements DeliveryStatus, UsesRedisScripts {

    private static final RedisScript<String> ACKNOWLEDGE = LuaScripts.load("acknowledge", String.class);
    private static final RedisScript<Long> CONFIRM = LuaScripts.load("confirm", Long.class);
    private static final RedisScript<Long> FAIL = LuaScripts.load("fail", Long.class);
    /** Inbox entries one confirmation looks at; the inbox holds only unacknowledged entries. */
    private static final int CONFIRM_LIMIT = 1000;

    private final ReactiveStringRedisTemplate redis;
    private final RedisCalls calls;
    private final Clock clock;
    private final DeliveryMetrics metrics;
    private final ReachCounts reach;
    private final DeliveredMarks delivered;

    RedisDeliveryStatus(ReactiveStringRedisTemplate redis, RedisCalls calls, Clock clock, DeliveryMetrics metrics,
            ReachCounts reach, DeliveredMarks delivered) {
        this.delivered = delivered;
        this.metrics = metrics;
        this.reach = reach;
        this.redis = redis;
        this.calls = calls;
        this.clock = clock;
    }

    @Override
    public void markDelivered(String recipient, String messageId) {
        delivered.mark(recipient, messageId);
    }

    @Override
    public Mono<Boolean> fail(String recipient, String messageId, Instant retainUntil) {
        return calls.write(redis.execute(FAIL, List.of(RedisKeys.seen(recipient), RedisKeys.state(recipient)),
                        List.of(messageId, String.valueOf(clock.millis()), String.valueOf(retainUntil.toEpochMilli())))
                .single())
                .map(recorded -> recorded == 1L);
    }

    @Override
    public Mono<Acknowledgement> acknowledge(String recipient, String messageId) {
        return calls.write(redis.execute(ACKNOWLEDGE, List.of(RedisKeys.state(recipient), RedisKeys.inbox(recipient)),
                        List.of(messageId, String.valueOf(clock.millis())))
                .single())
                .<Acknowledgement>map(result -> switch (result.charAt(0)) {
                    case 'A' -> new Acknowledgement.Acknowledged();
                    case 'U' -> new Acknowledgement.Unknown();
                    default -> new Acknowledgement.Final(DeliveryState.valueOf(result.substring(2)));
                })
                .doOnNext(metrics::acknowledged);
    }

    @Override
    public Mono<Void> confirmDeliveredUpTo(String recipient, EntryId upTo) {
        return calls.write(redis.execute(CONFIRM, List.of(RedisKeys.inbox(recipient), RedisKeys.state(recipient)),
                List.of(upTo.toString(), String.valueOf(clock.millis()), String.valueOf(CONFIRM_LIMIT))).then());
    }

    @Override
    public void countReach(String topic, String messageId) {
        reach.count(topic, messageId);
    }

    @Override
    public List<RedisScript<?>> scripts() {
        return List.of(ACKNOWLEDGE, CONFIRM, FAIL);
    }
}
