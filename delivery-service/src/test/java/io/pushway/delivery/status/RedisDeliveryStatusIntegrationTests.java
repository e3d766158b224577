package io.pushway.delivery.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pushway.delivery.DeliveryIntegrationTest;
import io.pushway.delivery.ScriptPipeline;
import io.pushway.model.DeliveryState;
import io.pushway.model.MessageIds;
import io.pushway.model.RedisKeys;
import io.pushway.resilience.RedisCalls;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code scripts/advance.lua}, written in batches ({@link DeliveredMarks}), and {@code scripts/acknowledge.lua}
 * against the real Redis: a state moves only along {@link DeliveryState#next()}, a move it does not allow
 * leaves the record as it was, and a batch records every message of every recipient in it.
 */
class RedisDeliveryStatusIntegrationTests extends DeliveryIntegrationTest {

    private final String recipient = "status-" + UUID.randomUUID();

    @Autowired
    private DeliveryStatus status;

    @Autowired
    private ScriptPipeline pipeline;

    @Autowired
    private RedisCalls calls;

    /** Flushed by the test alone (the service's own flushes every 20 ms and would take marks away). */
    private DeliveredMarks marks;

    @BeforeEach
    void ownMarks() {
        marks = new DeliveredMarks(pipeline, calls, Clock.systemUTC(), Duration.ofDays(1));
    }

    @AfterEach
    void stopMarks() {
        marks.destroy();
    }

    @Test
    void aStateMovesOnlyForwardAlongTheAllowedTransitions() {
        String id = record(recipient, "e=1-0 QUEUED=1000");

        marks.mark(recipient, id);
        assertThat(marks.flush().block()).isEqualTo(1);
        assertThat(state(recipient, id).state()).isEqualTo(DeliveryState.DELIVERED);
        String delivered = stored(recipient, id);
        // A repeated mark is a no-op: the record keeps its first DELIVERED time.
        marks.mark(recipient, id);
        assertThat(marks.flush().block()).isZero();
        assertThat(stored(recipient, id)).isEqualTo(delivered);

        assertThat(status.acknowledge(recipient, id).block()).isInstanceOf(Acknowledgement.Acknowledged.class);
        marks.mark(recipient, id);
        assertThat(marks.flush().block()).isZero();
        assertThat(state(recipient, id).state()).isEqualTo(DeliveryState.ACKNOWLEDGED);
        assertThat(state(recipient, id).timestamps()).containsOnlyKeys(DeliveryState.QUEUED, DeliveryState.DELIVERED,
                DeliveryState.ACKNOWLEDGED);
    }

    @Test
    void terminalStatesAndUnknownMessagesStayAsTheyAre() {
        String expired = record(recipient, "e=1-0 QUEUED=1000 EXPIRED=2000");
        String unknown = MessageIds.next();
        marks.mark(recipient, expired);
        marks.mark(recipient, unknown);
        assertThat(marks.flush().block()).isZero();
        assertThat(status.acknowledge(recipient, expired).block()).isEqualTo(new Acknowledgement.Final(DeliveryState.EXPIRED));
        assertThat(state(recipient, expired).state()).isEqualTo(DeliveryState.EXPIRED);

        assertThat(status.acknowledge(recipient, unknown).block()).isInstanceOf(Acknowledgement.Unknown.class);
        assertThat(redis.opsForHash().hasKey(RedisKeys.state(recipient), unknown).block()).isFalse();
    }

    @Test
    void aBatchRecordsEveryMessageOfEveryRecipientAlsoPastOneCallsShare() {
        List<String[]> queued = new ArrayList<>();
        for (int r = 0; r < 20; r++) {
            String someone = recipient + "-" + r;
            int messages = r == 0 ? DeliveredMarks.IDS_PER_CALL * 2 + 7 : 3;
            for (int m = 0; m < messages; m++) {
                queued.add(new String[] {someone, record(someone, "e=1-0 QUEUED=1000")});
            }
        }
        queued.forEach(mark -> marks.mark(mark[0], mark[1]));

        assertThat(marks.flush().block()).isEqualTo(queued.size());
        assertThat(queued).allSatisfy(mark -> assertThat(state(mark[0], mark[1]).state()).isEqualTo(DeliveryState.DELIVERED));
    }

    @Test
    void theServiceRecordsAStreamsDeliveriesWithinItsFlushInterval() {
        String id = record(recipient, "e=1-0 QUEUED=1000");

        status.markDelivered(recipient, id);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(
                () -> assertThat(state(recipient, id).state()).isEqualTo(DeliveryState.DELIVERED));
    }

    @Test
    void marksAreRecordedAfterRedisForgotItsScripts() {
        String id = record(recipient, "e=1-0 QUEUED=1000");
        redis.execute(connection -> connection.scriptingCommands().scriptFlush()).blockLast();

        marks.mark(recipient, id);

        assertThat(marks.flush().block()).isEqualTo(1);
        assertThat(state(recipient, id).state()).isEqualTo(DeliveryState.DELIVERED);
    }

    private String record(String owner, String value) {
        String id = MessageIds.next();
        redis.opsForHash().put(RedisKeys.state(owner), id, value).block();
        return id;
    }

    private String stored(String owner, String id) {
        return redis.<String, String>opsForHash().get(RedisKeys.state(owner), id).defaultIfEmpty("").block();
    }
}
