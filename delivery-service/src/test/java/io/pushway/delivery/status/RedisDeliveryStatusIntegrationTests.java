package io.pushway.delivery.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.pushway.delivery.DeliveryIntegrationTest;
import io.pushway.model.DeliveryState;
import io.pushway.model.MessageIds;
import io.pushway.model.RedisKeys;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code scripts/advance.lua} and {@code scripts/acknowledge.lua} against the real Redis: a state moves
 * only along {@link DeliveryState#next()}, and a move it does not allow leaves the record as it was.
 */
class RedisDeliveryStatusIntegrationTests extends DeliveryIntegrationTest {

    private final String recipient = "status-" + UUID.randomUUID();

    @Autowired
    private DeliveryStatus status;

    @Test
    void aStateMovesOnlyForwardAlongTheAllowedTransitions() {
        String id = record("e=1-0 QUEUED=1000");

        assertThat(status.advance(recipient, id, DeliveryState.DELIVERED).block()).isTrue();
        assertThat(state(recipient, id).state()).isEqualTo(DeliveryState.DELIVERED);
        // Late or repeated updates are no-ops: DELIVERED again, back to QUEUED, or EXPIRED after delivery.
        for (DeliveryState late : List.of(DeliveryState.DELIVERED, DeliveryState.QUEUED, DeliveryState.EXPIRED)) {
            assertThat(status.advance(recipient, id, late).block()).as(late.name()).isFalse();
        }
        assertThat(status.acknowledge(recipient, id).block()).isInstanceOf(Acknowledgement.Acknowledged.class);
        assertThat(status.advance(recipient, id, DeliveryState.DELIVERED).block()).isFalse();
        assertThat(state(recipient, id).state()).isEqualTo(DeliveryState.ACKNOWLEDGED);
        assertThat(state(recipient, id).timestamps()).containsOnlyKeys(DeliveryState.QUEUED, DeliveryState.DELIVERED,
                DeliveryState.ACKNOWLEDGED);
    }

    @Test
    void terminalStatesAndUnknownMessagesStayAsTheyAre() {
        String expired = record("e=1-0 QUEUED=1000 EXPIRED=2000");
        assertThat(status.advance(recipient, expired, DeliveryState.DELIVERED).block()).isFalse();
        assertThat(status.acknowledge(recipient, expired).block()).isEqualTo(new Acknowledgement.Final(DeliveryState.EXPIRED));
        assertThat(state(recipient, expired).state()).isEqualTo(DeliveryState.EXPIRED);

        String unknown = MessageIds.next();
        assertThat(status.advance(recipient, unknown, DeliveryState.DELIVERED).block()).isFalse();
        assertThat(status.acknowledge(recipient, unknown).block()).isInstanceOf(Acknowledgement.Unknown.class);
        assertThat(redis.opsForHash().hasKey(RedisKeys.state(recipient), unknown).block()).isFalse();
    }

    private String record(String value) {
        String id = MessageIds.next();
        redis.opsForHash().put(RedisKeys.state(recipient), id, value).block();
        return id;
    }
}
