package io.pushway.ingest.status;

import io.pushway.model.DeliveryState;
import io.pushway.model.RedisKeys;
import io.pushway.model.StateRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads a message's status: its {@code msg:{id}} record, then each recipient's {@code state:{r}}
 * entry (pipelined over one connection). Visible only to the publisher or an admin: for anyone else
 * the message does not exist.
 */
@Component
class StatusReader {

    private final MessageRecords records;
    private final ReactiveStringRedisTemplate redis;
    private final Clock clock;

    StatusReader(MessageRecords records, ReactiveStringRedisTemplate redis, Clock clock) {
        this.records = records;
        this.redis = redis;
        this.clock = clock;
    }

    /** A page of the status, or empty when the message is unknown or not the caller's to see. */
    Mono<MessageStatus> read(String id, String caller, boolean admin, int offset, int limit) {
        return records.find(id)
                .filter(record -> admin || record.publisher().equals(caller))
                .flatMap(record -> record.topic() != null ? topicStatus(record)
                        : states(record).map(states -> status(record, states, offset, limit)));
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
