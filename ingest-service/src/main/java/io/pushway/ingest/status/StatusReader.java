package io.pushway.ingest.status;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.pushway.model.DeliveryState;
import io.pushway.model.RedisKeys;
import io.pushway.model.StateRecord;
import io.pushway.resilience.RedisCalls;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads a message's status: its {@code msg:{id}} record, then each recipient's {@code state:{r}}
 * entry (pipelined over one connection). Visible only to the publisher or an admin: for anyone else
 * the message does not exist.
 *
 * <p>A near-cache keeps each message's states for {@code pushway.status.cache-ttl} (1 s by default;
 * 0 turns it off), so a publisher polling a status hard costs Redis one read per message per TTL; no
 * answer is older than that. Its metrics are {@code cache.*{cache="status"}}.
 *
 * <p>A read from Redis is one guarded, retried read ({@link RedisCalls#read}); a failed read is not
 * cached, and answers 503.
 */
@Component
class StatusReader {

    private final MessageRecords records;
    private final ReactiveStringRedisTemplate redis;
    private final RedisCalls calls;
    private final Clock clock;
    private final AsyncCache<String, Snapshot> cache;

    StatusReader(MessageRecords records, ReactiveStringRedisTemplate redis, RedisCalls calls, Clock clock,
            @Value("${pushway.status.cache-ttl:1s}") Duration cacheTtl, MeterRegistry meters) {
        this.records = records;
        this.redis = redis;
        this.calls = calls;
        this.clock = clock;
        this.cache = Caffeine.newBuilder().expireAfterWrite(cacheTtl).maximumSize(cacheTtl.isZero() ? 0 : 10_000)
                .recordStats().buildAsync();
        CaffeineCacheMetrics.monitor(meters, cache, "status");
    }

    /** A message's record and its states, as read at one moment. */
    private record Snapshot(MessageRecord record, MessageStatus topic, List<StateRecord> states) {
    }

    /** A page of the status, or empty when the message is unknown or not the caller's to see. */
    Mono<MessageStatus> read(String id, String caller, boolean admin, int offset, int limit) {
        return Mono.fromFuture(() -> cache.get(id, (key, executor) -> calls.read(snapshot(key)).toFuture()))
                .filter(snapshot -> admin || snapshot.record().publisher().equals(caller))
                .map(snapshot -> snapshot.topic() != null ? snapshot.topic()
                        : status(snapshot.record(), snapshot.states(), offset, limit));
    }

    private Mono<Snapshot> snapshot(String id) {
        return records.find(id).flatMap(record -> record.topic() != null
                ? topicStatus(record).map(topic -> new Snapshot(record, topic, null))
                : states(record).map(states -> new Snapshot(record, null, states)));
    }

    private Mono<MessageStatus> topicStatus(MessageRecord record) {
        return redis.<String, String>opsForHash()
                .multiGet(RedisKeys.topicState(record.topic()), List.of(record.id(), RedisKeys.reachField(record.id())))
                .map(values -> {
                    StateRecord state = expiredByNow(StateRecord.parse(values.get(0)), record.expiresAt());
                    long reached = values.get(1) == null ? 0 : Long.parseLong(values.get(1));
                    return new MessageStatus(record.id(), state.state(), record.topic(), reached, record.createdAt(),
                            record.expiresAt(), Map.of(state.state(), 1), List.of(), null);
                });
    }

    private Mono<List<StateRecord>> states(MessageRecord record) {
        return Flux.fromIterable(record.recipients())
                .flatMapSequential(r -> redis.<String, String>opsForHash().get(RedisKeys.state(r), record.id())
                        .map(StateRecord::parse)
                        .defaultIfEmpty(StateRecord.ACCEPTED)
                        .map(state -> expiredByNow(state, record.expiresAt())), 64)
                .collectList();
    }

    /**
     * A message not yet delivered when its TTL passed is EXPIRED — as of its expiry time — even
     * before the delivery service trims it from the inbox; it can no longer be delivered.
     */
    private StateRecord expiredByNow(StateRecord state, Instant expiresAt) {
        boolean undelivered = state.state() == DeliveryState.ACCEPTED || state.state() == DeliveryState.QUEUED;
        // A topic message that was published stays PUBLISHED; only one never fanned out expires.
        if (!undelivered || clock.instant().isBefore(expiresAt)) {
            return state;
        }
        Map<DeliveryState, Instant> timestamps = new EnumMap<>(DeliveryState.class);
        timestamps.putAll(state.timestamps());
        timestamps.put(DeliveryState.EXPIRED, expiresAt);
        return new StateRecord(state.entryId(), DeliveryState.EXPIRED, timestamps);
    }

    private static MessageStatus status(MessageRecord record, List<StateRecord> states, int offset, int limit) {
        Map<DeliveryState, Integer> counts = new EnumMap<>(DeliveryState.class);
        states.forEach(s -> counts.merge(s.state(), 1, Integer::sum));
        int end = Math.min(states.size(), offset + limit);
        List<MessageStatus.Recipient> page = new java.util.ArrayList<>();
        for (int i = Math.min(offset, end); i < end; i++) {
            StateRecord s = states.get(i);
            page.add(new MessageStatus.Recipient(record.recipients().get(i), s.state(), s.at(),
                    s.timestamps().isEmpty() ? null : s.timestamps()));
        }
        String next = end < states.size()
                ? "/api/v1/messages/" + record.id() + "?offset=" + end + "&limit=" + limit : null;
        return new MessageStatus(record.id(), DeliveryState.overall(states.stream().map(StateRecord::state).toList()),
                null, null, record.createdAt(), record.expiresAt(), counts, page, next);
    }
}
