package io.pushway.web;

import io.pushway.resilience.RedisCalls;
import io.pushway.resilience.UsesRedisScripts;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.publisher.Mono;

/**
 * Token buckets in Redis, one hash per key, refilled continuously at {@code perSecond} up to
 * {@code burst}; one script takes a token atomically, so every replica shares the same budget.
 * Used for publishers' rate limits and for connection attempts per address.
 */
public class TokenBuckets implements UsesRedisScripts {

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

    private static final Logger log = LoggerFactory.getLogger(TokenBuckets.class);

    private final ReactiveStringRedisTemplate redis;
    private final RedisCalls calls;
    private final Clock clock;

    public TokenBuckets(ReactiveStringRedisTemplate redis, RedisCalls calls, Clock clock) {
        this.redis = redis;
        this.calls = calls;
        this.clock = clock;
    }

    /** A bucket's size: sustained tokens per second (may be fractional) and how many at once. */
    public record Limit(double perSecond, int burst) {

        public Limit {
            if (!(perSecond > 0) || burst < 1) {
                throw new IllegalArgumentException("a limit needs per-second > 0 and burst >= 1, got "
                        + perSecond + " and " + burst);
            }
        }
    }

    /** The outcome of taking a token: allowed or not, tokens left, and how long until the next one. */
    public record Decision(boolean allowed, long remaining, long retryAfterMillis) {

        /** Whole seconds until the next token, at least 1: for {@code Retry-After} and {@code RateLimit-Reset}. */
        public long retryAfterSeconds() {
            return Math.max(1, (retryAfterMillis + 999) / 1000);
        }
    }

    /**
     * Takes one token from the bucket at Redis key {@code key}; empty if Redis does not answer within
     * the Redis deadline (at once while its circuit breaker is open), and callers then let the request
     * through: limits must not turn a Redis hiccup into an outage (a request that really needs Redis
     * fails on its own).
     */
    public Mono<Decision> take(String key, Limit limit) {
        return calls.write(takeNow(key, limit))
                .onErrorResume(e -> {
                    log.warn("Rate limit unavailable, not limiting: {}", e.toString());
                    return Mono.empty();
                });
    }

    private Mono<Decision> takeNow(String key, Limit limit) {
        return redis.execute(TAKE, List.of(key), List.of(String.valueOf(limit.burst()),
                        String.valueOf(limit.perSecond()), String.valueOf(clock.millis())))
                .single()
                .map(result -> new Decision(((Number) result.get(0)).longValue() == 1,
                        ((Number) result.get(1)).longValue(), ((Number) result.get(2)).longValue()));
    }

    @Override
    public List<RedisScript<?>> scripts() {
        return List.of(TAKE);
    }
}
