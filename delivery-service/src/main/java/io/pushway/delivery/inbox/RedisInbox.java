package io.pushway.delivery.inbox;

import io.pushway.delivery.LuaScripts;
import io.pushway.delivery.ScriptPipeline;
import io.pushway.model.Envelope;
import io.pushway.resilience.RedisCalls;
import io.pushway.resilience.UsesRedisScripts;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link Inbox} on Redis streams; {@code scripts/append.lua} does dedup, trim, append, state and publish in
 * one step, and the appends of one call go to Redis in one write ({@link ScriptPipeline}). Guarded
 * ({@link RedisCalls}): appends are one write each call, the rest retried reads.
 */
@Component
class RedisInbox implements Inbox, UsesRedisScripts {

    /** Field of the state hash naming the newest entry removed by the length cap (see append.lua). */
    private static final String TRIMMED = "_trimmed";
    private static final RedisScript<String> APPEND = LuaScripts.load("append", String.class);

    private final ReactiveStringRedisTemplate redis;
    private final ScriptPipeline pipeline;
    private final RedisCalls calls;
    private final InboxProperties properties;
    private final Clock clock;

    RedisInbox(ReactiveStringRedisTemplate redis, ScriptPipeline pipeline, RedisCalls calls,
            InboxProperties properties, Clock clock) {
        this.redis = redis;
        this.pipeline = pipeline;
        this.calls = calls;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public Mono<List<Appended>> append(List<Append> appends) {
        String now = String.valueOf(clock.millis());
        List<ScriptPipeline.Call> scriptCalls = appends.stream().map(append -> call(append, now)).toList();
        return calls.write(pipeline.run(APPEND, scriptCalls)).map(results -> {
            List<Appended> outcomes = new ArrayList<>(results.size());
            for (int i = 0; i < results.size(); i++) {
                outcomes.add(outcome(results.get(i), appends.get(i).envelope().recipient() != null));
            }
            return outcomes;
        });
    }

    private ScriptPipeline.Call call(Append append, String now) {
        Envelope envelope = append.envelope();
        Feed feed = envelope.recipient() != null ? Feed.inbox(envelope.recipient()) : Feed.topic(envelope.topic());
        Instant retainUntil = envelope.expiresAt().plus(properties.statusRetention());
        int cap = feed.kind() == Feed.Kind.INBOX ? properties.maxLength() : properties.topicHistory();
        List<String> args = List.of(envelope.id(), StreamEventData.encode(envelope), now,
                String.valueOf(envelope.expiresAt().toEpochMilli()), String.valueOf(retainUntil.toEpochMilli()),
                String.valueOf(cap), feed.channel(), feed.appendedState().name());
        return new ScriptPipeline.Call(List.of(feed.streamKey(), feed.seenKey(), feed.stateKey()), args, append.parent());
    }

    @Override
    public Flux<InboxEvent> readAfter(Feed feed, EntryId after, int count) {
        Range<String> range = Range.rightUnbounded(Range.Bound.exclusive(after.toString()));
        return calls.read(redis.<String, String>opsForStream()
                .range(feed.streamKey(), range, Limit.limit().count(count)))
                .map(RedisInbox::event);
    }

    @Override
    public Mono<EntryId> trimmedUpTo(Feed feed) {
        return calls.read(redis.<String, String>opsForHash().get(feed.stateKey(), TRIMMED)).map(EntryId::parse);
    }

    @Override
    public Mono<EntryId> newest(Feed feed) {
        return calls.read(redis.<String, String>opsForStream()
                .reverseRange(feed.streamKey(), Range.unbounded(), Limit.limit().count(1))
                .next())
                .map(record -> EntryId.parse(record.getId().getValue()));
    }

    /** Reads append.lua's answer: {@code D}, {@code X <swept>} or {@code Q <entry> <length> <swept>}. */
    private static Appended outcome(String result, boolean inbox) {
        String[] parts = result.split(" ");
        return switch (parts[0]) {
            case "Q" -> new Appended.Queued(EntryId.parse(parts[1]), inbox ? Long.parseLong(parts[2]) : 0,
                    Integer.parseInt(parts[3]));
            case "D" -> new Appended.Duplicate();
            case "X" -> new Appended.Expired(Integer.parseInt(parts[1]));
            default -> throw new IllegalStateException("unexpected append result " + result);
        };
    }

    private static InboxEvent event(MapRecord<String, String, String> record) {
        Map<String, String> fields = record.getValue();
        return new InboxEvent(EntryId.parse(record.getId().getValue()), fields.get("m"), fields.get("d"),
                Instant.ofEpochMilli(Long.parseLong(fields.get("x"))));
    }

    @Override
    public List<RedisScript<?>> scripts() {
        return List.of(APPEND);
    }
}
