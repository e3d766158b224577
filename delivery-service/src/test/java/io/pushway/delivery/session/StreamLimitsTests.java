package io.pushway.delivery.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.pushway.delivery.session.StreamLimits.Admission;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StreamLimitsTests {

    private static StreamLimits limits(int perUser, int perReplica) {
        return new StreamLimits(new SessionProperties(1000, Duration.ofSeconds(10), Duration.ofSeconds(60), perUser, perReplica, Duration.ofSeconds(10)));
    }

    @Test
    void aUserIsHeldToItsLimitAndGetsASlotBackWhenAStreamCloses() {
        StreamLimits limits = limits(2, 100);
        assertThat(limits.tryOpen("alice")).isEqualTo(Admission.OPENED);
        assertThat(limits.tryOpen("alice")).isEqualTo(Admission.OPENED);
        assertThat(limits.tryOpen("alice")).isEqualTo(Admission.USER_LIMIT);
        assertThat(limits.tryOpen("bob")).isEqualTo(Admission.OPENED);
        limits.closed("alice");
        assertThat(limits.tryOpen("alice")).isEqualTo(Admission.OPENED);
    }

    @Test
    void theReplicaRefusesStreamsPastItsMaximumWhoeverAsksAndRefusalsTakeNoSlot() {
        StreamLimits limits = limits(10, 3);
        assertThat(limits.tryOpen("a")).isEqualTo(Admission.OPENED);
        assertThat(limits.tryOpen("b")).isEqualTo(Admission.OPENED);
        assertThat(limits.tryOpen("a")).isEqualTo(Admission.OPENED);
        assertThat(limits.tryOpen("c")).isEqualTo(Admission.REPLICA_FULL);
        assertThat(limits.tryOpen("c")).isEqualTo(Admission.REPLICA_FULL);
        limits.closed("b");
        assertThat(limits.tryOpen("c")).isEqualTo(Admission.OPENED);
        assertThat(limits.tryOpen("d")).isEqualTo(Admission.REPLICA_FULL);
    }

    @Test
    void aUserRefusedByItsOwnLimitDoesNotUseUpTheReplica() {
        StreamLimits limits = limits(1, 2);
        assertThat(limits.tryOpen("alice")).isEqualTo(Admission.OPENED);
        for (int i = 0; i < 5; i++) {
            assertThat(limits.tryOpen("alice")).isEqualTo(Admission.USER_LIMIT);
        }
        assertThat(limits.tryOpen("bob")).isEqualTo(Admission.OPENED);
    }

    @Test
    void byDefaultTheReplicaHoldsWhatItsHeapHolds() {
        assertThat(limits(10, 0).max()).isEqualTo((int) (Runtime.getRuntime().maxMemory() / StreamLimits.HEAP_PER_STREAM));
        assertThat(limits(10, 7).max()).isEqualTo(7);
    }
}
