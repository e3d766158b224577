package io.pushway.ingest.status;

import static io.pushway.model.RedisKeys.MessageFields.CREATED_AT;
import static io.pushway.model.RedisKeys.MessageFields.EXPIRES_AT;
import static io.pushway.model.RedisKeys.MessageFields.PUBLISHER;
import static io.pushway.model.RedisKeys.MessageFields.RECIPIENTS;
import static io.pushway.model.RedisKeys.MessageFields.TOPIC;

import io.pushway.model.JsonCodec;
import io.pushway.model.RedisKeys;
import io.pushway.resilience.RedisCalls;
import io.pushway.resilience.UsesRedisScripts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;

/**
 * {@link MessageRecords} in the {@code msg:{id}} hash, written with its expiry in one script. Writes are
 * guarded here ({@link RedisCalls}), the records of one save or delete as one call (a batch of 500 is one
 * deadline and one breaker outcome, not 500), its commands all sent at once and awaited with
 * {@code Mono.when} (a {@code flatMap} over 500 commands rescans its inner subscribers on every answer:
 * 4 % of ingest's CPU for batches); {@link #find} is not, since its caller guards the whole status read.
 */
@Component
class RedisMessageRecords implements MessageRecords, UsesRedisScripts {

    private static final RedisScript<Long> SAVE = RedisScript.of("""
            redis.call('HSET', KEYS[1], unpack(ARGV, 2))
            redis.call('PEXPIREAT', KEYS[1], ARGV[1])
            return 1""", Long.class);
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };

    private final ReactiveStringRedisTemplate redis;
    private final RedisCalls calls;

    RedisMessageRecords(ReactiveStringRedisTemplate redis, RedisCalls calls) {
        this.redis = redis;
        this.calls = calls;
    }

    @Override
    public Mono<Void> save(List<MessageRecord> records, Duration retention) {
        return calls.write(Mono.when(records.stream().map(record -> saveOne(record, retention)).toList()));
    }

    private Flux<Long> saveOne(MessageRecord record, Duration retention) {
        List<String> args = List.of(String.valueOf(record.expiresAt().plus(retention).toEpochMilli()),
                PUBLISHER, record.publisher(),
                CREATED_AT, String.valueOf(record.createdAt().toEpochMilli()),
                EXPIRES_AT, String.valueOf(record.expiresAt().toEpochMilli()),
                record.topic() != null ? TOPIC : RECIPIENTS,
                record.topic() != null ? record.topic() : JsonCodec.mapper().writeValueAsString(record.recipients()));
        return redis.execute(SAVE, List.of(RedisKeys.message(record.id())), args);
    }

    @Override
    public Mono<MessageRecord> find(String id) {
        return redis.<String, String>opsForHash().entries(RedisKeys.message(id))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .filter(fields -> fields.containsKey(PUBLISHER))
                .map(fields -> new MessageRecord(id, fields.get(PUBLISHER),
                        Instant.ofEpochMilli(Long.parseLong(fields.get(CREATED_AT))),
                        Instant.ofEpochMilli(Long.parseLong(fields.get(EXPIRES_AT))),
                        fields.containsKey(RECIPIENTS) ? JsonCodec.mapper().readValue(fields.get(RECIPIENTS), STRINGS)
                                : List.of(),
                        fields.get(TOPIC)));
    }

    @Override
    public Mono<Void> delete(List<String> ids) {
        // One DEL per key: in a Redis Cluster each message's key is in a slot of its own.
        return calls.write(Mono.when(ids.stream().map(id -> redis.delete(RedisKeys.message(id))).toList()));
    }

    @Override
    public List<RedisScript<?>> scripts() {
        return List.of(SAVE);
    }
}
