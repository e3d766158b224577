package io.pushway.ingest.idempotency;

import io.pushway.model.RedisKeys;
import io.pushway.resilience.RedisCalls;
import io.pushway.resilience.UsesRedisScripts;
import java.time.Duration;
import java.util.List;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@link IdempotencyKeys} in Redis: {@code idem:{sha256(publisher, key)}} holds {@code P <id>} while
 * the message is being published and {@code D <id>} after, expiring with the window. Hashing keeps
 * arbitrary subjects and keys out of key names (and hash tags). Every call is a guarded write
 * ({@link RedisCalls}): never retried here.
 */
@Component
class RedisIdempotencyKeys implements IdempotencyKeys, UsesRedisScripts {

    private static final RedisScript<String> CLAIM = RedisScript.of("""
            local current = redis.call('GET', KEYS[1])
            if current then return current end
            redis.call('SET', KEYS[1], 'P ' .. ARGV[1], 'PX', ARGV[2])
            return 'NEW'""", String.class);
    private static final RedisScript<Long> COMPLETE = RedisScript.of("""
            if redis.call('GET', KEYS[1]) == 'P ' .. ARGV[1] then
              redis.call('SET', KEYS[1], 'D ' .. ARGV[1], 'KEEPTTL')
              return 1
            end
            return 0""", Long.class);
    private static final RedisScript<Long> RELEASE = RedisScript.of("""
            if redis.call('GET', KEYS[1]) == 'P ' .. ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0""", Long.class);

    private final ReactiveStringRedisTemplate redis;
    private final RedisCalls calls;
    private final Duration window;

    RedisIdempotencyKeys(ReactiveStringRedisTemplate redis, RedisCalls calls, IdempotencyProperties properties) {
        this.redis = redis;
        this.calls = calls;
        this.window = properties.window();
    }

    @Override
    public Mono<Claim> claim(String publisher, String key, String messageId) {
        return calls.write(redis.execute(CLAIM, List.of(redisKey(publisher, key)),
                        List.of(messageId, String.valueOf(window.toMillis())))
                .single())
                .map(current -> current.equals("NEW") ? new Claim.Claimed()
                        : current.startsWith("D ") ? new Claim.Completed(current.substring(2))
                        : new Claim.InProgress());
    }

    @Override
    public Mono<Void> complete(String publisher, String key, String messageId) {
        return calls.write(redis.execute(COMPLETE, List.of(redisKey(publisher, key)), List.of(messageId)).then());
    }

    @Override
    public Mono<Void> release(String publisher, String key, String messageId) {
        return calls.write(redis.execute(RELEASE, List.of(redisKey(publisher, key)), List.of(messageId)).then());
    }

    private static String redisKey(String publisher, String key) {
        return RedisKeys.hashed("idem", publisher, key);
    }

    @Override
    public List<RedisScript<?>> scripts() {
        return List.of(CLAIM, COMPLETE, RELEASE);
    }
}
