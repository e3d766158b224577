package io.pushway.delivery.inbox;

import io.pushway.model.Envelope;
import io.pushway.model.RedisKeys;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** {@link Inbox} on Redis streams; {@code scripts/append.lua} does dedup, append, state and publish in one step. */
@Component
class RedisInbox implements Inbox {

    private static final RedisScript<String> APPEND =
            RedisScript.of(new ClassPathResource("scripts/append.lua"), String.class);

    private final ReactiveStringRedisTemplate redis;
    private final InboxProperties properties;
    private final Clock clock;

    RedisInbox(ReactiveStringRedisTemplate redis, InboxProperties properties, Clock clock) {
        this.redis = redis;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public Mono<Appended> append(Envelope envelope) {
        String r = envelope.recipient();
        Instant retainUntil = envelope.expiresAt().plus(properties.statusRetention());
        List<String> args = List.of(envelope.id(), StreamEventData.encode(envelope),
                String.valueOf(clock.millis()), String.valueOf(envelope.expiresAt().toEpochMilli()),
                String.valueOf(retainUntil.toEpochMilli()), String.valueOf(properties.maxLength()),
                RedisKeys.events(r));
        return redis.execute(APPEND, List.of(RedisKeys.inbox(r), RedisKeys.seen(r), RedisKeys.state(r)), args)
                .single()
                .map(RedisInbox::outcome);
    }

    @Override
    public Flux<InboxEvent> readAfter(String recipient, EntryId after, int count) {
        Range<String> range = Range.rightUnbounded(Range.Bound.exclusive(after.toString()));
        return redis.<String, String>opsForStream()
                .range(RedisKeys.inbox(recipient), range, Limit.limit().count(count))
                .map(RedisInbox::event);
    }

    private static Appended outcome(String result) {
        return switch (result.charAt(0)) {
            case 'Q' -> new Appended.Queued(EntryId.parse(result.substring(2)));
            case 'D' -> new Appended.Duplicate();
            case 'X' -> new Appended.Expired();
            default -> throw new IllegalStateException("unexpected append result " + result);
        };
    }

    private static InboxEvent event(MapRecord<String, String, String> record) {
        Map<String, String> fields = record.getValue();
        return new InboxEvent(EntryId.parse(record.getId().getValue()), fields.get("m"), fields.get("d"),
                Instant.ofEpochMilli(Long.parseLong(fields.get("x"))));
    }
}
