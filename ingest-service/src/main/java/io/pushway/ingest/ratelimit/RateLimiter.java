package io.pushway.ingest.ratelimit;

import io.pushway.model.RedisKeys;
import java.time.Clock;
import java.util.List;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A token bucket per publisher in Redis ({@code rl:{sha256(publisher)}}), refilled continuously at
 * {@code perSecond} up to {@code burst}; one script takes a token atomically, so every replica
 * shares the same budget.
 */
@Component
class RateLimiter {

    private static final RedisScript<List> TAKE = RedisScript.of("""
            local burst, rate, now = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
            local state = redis.call('HMGET', KEYS[1], 't', 'at')
            local tokens = tonumber(state[1]) or burst
            local at = tonumber(state[2]) or now
            tokens = math.min(burst, tokens + math.max(0, now - at) * rate / 1000)
            local allowed = 0
            if tokens >= 1 then
              tokens = tokens - 1
              allowed = 1
            end
            redis.call('HSET', KEYS[1], 't', tostring(tokens), 'at', now)
            redis.call('PEXPIRE', KEYS[1], math.ceil(burst * 1000 / rate) + 1000)
            local wait = allowed == 1 and 0 or math.ceil((1 - tokens) * 1000 / rate)
            return {allowed, math.floor(tokens), wait}""", List.class);

    private final ReactiveStringRedisTemplate redis;
    private final RateLimitProperties properties;
    private final Clock clock;

    RateLimiter(ReactiveStringRedisTemplate redis, RateLimitProperties properties, Clock clock) {
        this.redis = redis;
        this.properties = properties;
        this.clock = clock;
    }

    /** The outcome of taking a token: allowed or not, tokens left, and how long until the next one. */
    record Decision(boolean allowed, long remaining, long retryAfterMillis) {
    }

    /** Takes one token from {@code publisher}'s bucket. */
    Mono<Decision> take(String publisher) {
        return redis.execute(TAKE, List.of(key(publisher)), List.of(String.valueOf(properties.burst()),
                        String.valueOf(properties.perSecond()), String.valueOf(clock.millis())))
                .single()
                .map(result -> new Decision(((Number) result.get(0)).longValue() == 1,
                        ((Number) result.get(1)).longValue(), ((Number) result.get(2)).longValue()));
    }

    private static String key(String publisher) {
        return RedisKeys.hashed("rl", publisher);
    }
}
