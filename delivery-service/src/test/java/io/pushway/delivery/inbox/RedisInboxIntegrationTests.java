package io.pushway.delivery.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pushway.delivery.DeliveryIntegrationTest;
import io.pushway.model.DeliveryState;
import io.pushway.model.Envelope;
import io.pushway.model.JsonCodec;
import io.pushway.model.MessageIds;
import io.pushway.model.RedisKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Range;

/**
 * {@code scripts/append.lua} against the real Redis: the backlog it reports, how long a feed's keys live,
 * and the sweep of expired entries from an inbox's head.
 */
class RedisInboxIntegrationTests extends DeliveryIntegrationTest {

    private final String recipient = "inbox-" + UUID.randomUUID();

    @Autowired
    private Inbox inbox;

    @Autowired
    private InboxProperties properties;

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

    private Appended.Queued queued(Envelope envelope) {
        Appended outcome = inbox.append(envelope).block();
        assertThat(outcome).isInstanceOf(Appended.Queued.class);
        return (Appended.Queued) outcome;
    }

    private Envelope expiringAt(Instant expiresAt) {
        return Envelope.direct(MessageIds.next(), recipient, JsonCodec.mapper().readTree("{\"n\":1}"), null,
                Instant.now(), expiresAt, "test-publisher");
    }
}
