package io.pushway.delivery.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.tracing.LettuceObservationContext;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.pushway.delivery.DeliveryIntegrationTest;
import io.pushway.delivery.LuaScripts;
import io.pushway.model.DeliveryState;
import io.pushway.model.Envelope;
import io.pushway.model.JsonCodec;
import io.pushway.model.MessageIds;
import io.pushway.model.RedisKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * {@code scripts/append.lua} against the real Redis: the backlog it reports, how long a feed's keys live,
 * the sweep of expired entries from an inbox's head, the length cap, dedup and the status retention. The
 * last two run the script directly, to choose its cap and its clock.
 */
class RedisInboxIntegrationTests extends DeliveryIntegrationTest {

    private static final RedisScript<String> APPEND = LuaScripts.load("append", String.class);

    private final String recipient = "inbox-" + UUID.randomUUID();

    @Autowired
    private Inbox inbox;

    @Autowired
    private InboxProperties properties;

    @Autowired
    private ObservationRegistry observations;

    @Test
    void eachAppendReportsTheBacklogAndKeepsTheKeysAtLeastAsLongAsTheNewestStatus() {
        Instant latest = Instant.now();
        for (long backlog = 1; backlog <= 3; backlog++) {
            latest = latest.plus(Duration.ofMinutes(1));
            assertThat(queued(expiringAt(latest)).backlog()).isEqualTo(backlog);
        }

        long retainFor = Duration.between(Instant.now(), latest.plus(properties.statusRetention())).toMillis();
        for (String key : List.of(RedisKeys.inbox(recipient), RedisKeys.seen(recipient), RedisKeys.state(recipient))) {
            long ttl = redis.getExpire(key).block().toMillis();
            // The expiry moves an hour ahead when it falls short, so not on every append.
            assertThat(ttl).as(key).isGreaterThanOrEqualTo(retainFor - 1000)
                    .isLessThanOrEqualTo(retainFor + Duration.ofHours(1).toMillis());
        }
    }

    @Test
    void expiredEntriesAreSweptFromTheHeadUpToTheFirstLiveOne() {
        Instant soon = Instant.now().plusSeconds(2);
        Envelope first = expiringAt(soon);
        Envelope second = expiringAt(soon);
        Envelope live = expiringAt(Instant.now().plus(Duration.ofMinutes(1)));
        Envelope behindLive = expiringAt(soon);
        for (Envelope envelope : List.of(first, second, live, behindLive)) {
            queued(envelope);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(soon.plusMillis(10)));

        Envelope later = expiringAt(Instant.now().plus(Duration.ofMinutes(1)));
        Appended.Queued next = queued(later);

        assertThat(next.swept()).isEqualTo(2);
        assertThat(next.backlog()).isEqualTo(3);
        assertThat(state(recipient, first.id()).state()).isEqualTo(DeliveryState.EXPIRED);
        assertThat(state(recipient, second.id()).state()).isEqualTo(DeliveryState.EXPIRED);
        // Not at the head yet: a later append (or its key's expiry) removes it.
        assertThat(state(recipient, behindLive.id()).state()).isEqualTo(DeliveryState.QUEUED);
        assertThat(redis.opsForStream().range(RedisKeys.inbox(recipient), Range.unbounded())
                .map(entry -> entry.getValue().get("m")).collectList().block())
                .containsExactly(live.id(), behindLive.id(), later.id());
    }

    @Test
    void aFullFeedDropsItsOldestEntryAndNamesItAsTrimmed() {
        long now = System.currentTimeMillis();
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            entries.add(entryOf(script(MessageIds.next(), now, now + 60_000, 3)));
        }
        assertThat(trimmed()).isNull();

        String fourth = entryOf(script(MessageIds.next(), now, now + 60_000, 3));
        assertThat(trimmed()).isEqualTo(entries.get(0));

        // A lower cap drops more than one: the newest of them is named.
        String fifth = entryOf(script(MessageIds.next(), now, now + 60_000, 2));
        assertThat(trimmed()).isEqualTo(entries.get(2));
        assertThat(entryIds()).containsExactly(fourth, fifth);
    }

    @Test
    void aFullFeedWhoseHeadExpiredSweepsItInsteadOfTrimming() {
        long now = System.currentTimeMillis();
        String expiring = MessageIds.next();
        script(expiring, now, now + 1_000, 2);
        String live = entryOf(script(MessageIds.next(), now, now + 60_000, 2));

        String next = script(MessageIds.next(), now + 2_000, now + 60_000, 2);

        assertThat(next).startsWith("Q ").endsWith(" 2 1");
        assertThat(trimmed()).isNull();
        assertThat(entryIds()).containsExactly(live, entryOf(next));
        assertThat(state(recipient, expiring).state()).isEqualTo(DeliveryState.EXPIRED);
    }

    @Test
    void oneCallAppendsToEveryFeedInItInOrder() {
        String other = "inbox-" + UUID.randomUUID();
        String topic = "topic-" + UUID.randomUUID();
        Instant expiresAt = Instant.now().plus(Duration.ofMinutes(1));
        Envelope first = expiringAt(expiresAt);
        Envelope toOther = Envelope.direct(MessageIds.next(), other, JsonCodec.mapper().readTree("{\"n\":2}"), null,
                Instant.now(), expiresAt, "test-publisher");
        Envelope toTopic = new Envelope(MessageIds.next(), null, topic, JsonCodec.mapper().readTree("{\"n\":3}"), null,
                Instant.now(), expiresAt, "test-publisher");
        Envelope second = expiringAt(expiresAt);

        List<Appended> outcomes = inbox.append(Stream.of(first, toOther, toTopic, first, second)
                .map(envelope -> new Inbox.Append(envelope, null)).toList()).block();

        assertThat(outcomes).hasSize(5);
        assertThat(((Appended.Queued) outcomes.get(0)).backlog()).isEqualTo(1);
        assertThat(((Appended.Queued) outcomes.get(1)).backlog()).isEqualTo(1);
        assertThat(((Appended.Queued) outcomes.get(2)).backlog()).isZero();
        assertThat(outcomes.get(3)).isInstanceOf(Appended.Duplicate.class);
        assertThat(((Appended.Queued) outcomes.get(4)).backlog()).isEqualTo(2);
        assertThat(entryIds()).containsExactly(((Appended.Queued) outcomes.get(0)).entryId().toString(),
                ((Appended.Queued) outcomes.get(4)).entryId().toString());
        assertThat(state(other, toOther.id()).state()).isEqualTo(DeliveryState.QUEUED);
        assertThat(redis.opsForStream().size(RedisKeys.topic(topic)).block()).isEqualTo(1);
    }

    @Test
    void eachAppendsRedisCommandIsTracedAsAChildOfItsObservation() {
        Observation parent = Observation.start("test.append", observations);
        List<String> children = new CopyOnWriteArrayList<>();
        // Handlers cannot be removed: this one only records the children of this test's observation.
        observations.observationConfig().observationHandler(new ObservationHandler<LettuceObservationContext>() {
            @Override
            public boolean supportsContext(Observation.Context context) {
                return context instanceof LettuceObservationContext;
            }

            @Override
            public void onStop(LettuceObservationContext context) {
                if (context.getParentObservation() == parent) {
                    children.add(context.getRequiredCommand().getType().toString());
                }
            }
        });

        inbox.append(List.of(new Inbox.Append(expiringAt(Instant.now().plusSeconds(60)), parent))).block();
        parent.stop();

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(children).isNotEmpty().allMatch(command -> command.startsWith("EVAL")));
    }

    @Test
    void aMessageIsAppendedOnceUntilItsStatusRetentionPassesAndNeverForgottenByItsOwnAppend() {
        long now = System.currentTimeMillis();
        String first = MessageIds.next();
        assertThat(script(first, now, now + 1_000, now + 2_000, 10)).startsWith("Q ");
        assertThat(script(first, now + 1_500, now + 1_000, now + 2_000, 10)).isEqualTo("D");

        // Past the first one's retention, the next append forgets it: its status is gone, and it is new again.
        script(MessageIds.next(), now + 3_000, now + 60_000, now + 120_000, 10);
        assertThat(redis.opsForHash().get(RedisKeys.state(recipient), first).block()).isNull();
        assertThat(redis.opsForZSet().score(RedisKeys.seen(recipient), first).block()).isNull();

        // Expired on arrival and already past its retention: recorded, and still known as processed.
        String late = MessageIds.next();
        assertThat(script(late, now + 5_000, now + 4_000, now + 4_500, 10)).isEqualTo("X 0");
        assertThat(state(recipient, late).state()).isEqualTo(DeliveryState.EXPIRED);
        assertThat(script(late, now + 5_000, now + 4_000, now + 4_500, 10)).isEqualTo("D");
    }

    /** append.lua for this test's inbox, with the status retained a minute past expiry. */
    private String script(String id, long now, long expiresAt, int cap) {
        return script(id, now, expiresAt, expiresAt + 60_000, cap);
    }

    private String script(String id, long now, long expiresAt, long retainUntil, int cap) {
        return redis.execute(APPEND, List.of(RedisKeys.inbox(recipient), RedisKeys.seen(recipient),
                        RedisKeys.state(recipient)),
                List.of(id, "{}", String.valueOf(now), String.valueOf(expiresAt), String.valueOf(retainUntil),
                        String.valueOf(cap), RedisKeys.events(recipient), "QUEUED"))
                .single().block();
    }

    /** The entry id of a {@code Q <entry> <length> <swept>} answer. */
    private static String entryOf(String answer) {
        assertThat(answer).startsWith("Q ");
        return answer.split(" ")[1];
    }

    private Object trimmed() {
        return redis.opsForHash().get(RedisKeys.state(recipient), "_trimmed").block();
    }

    private List<String> entryIds() {
        return redis.opsForStream().range(RedisKeys.inbox(recipient), Range.unbounded())
                .map(entry -> entry.getId().getValue()).collectList().block();
    }

    private Appended.Queued queued(Envelope envelope) {
        Appended outcome = inbox.append(List.of(new Inbox.Append(envelope, null))).block().get(0);
        assertThat(outcome).isInstanceOf(Appended.Queued.class);
        return (Appended.Queued) outcome;
    }

    private Envelope expiringAt(Instant expiresAt) {
        return Envelope.direct(MessageIds.next(), recipient, JsonCodec.mapper().readTree("{\"n\":1}"), null,
                Instant.now(), expiresAt, "test-publisher");
    }
}
