package io.pushway.model;

import static io.pushway.model.DeliveryState.ACCEPTED;
import static io.pushway.model.DeliveryState.ACKNOWLEDGED;
import static io.pushway.model.DeliveryState.DELIVERED;
import static io.pushway.model.DeliveryState.EXPIRED;
import static io.pushway.model.DeliveryState.FAILED;
import static io.pushway.model.DeliveryState.QUEUED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DeliveryStateTests {

    @Test
    void transitionsOnlyMoveForward() {
        for (DeliveryState from : DeliveryState.values()) {
            for (DeliveryState to : from.next()) {
                assertThat(to.rank()).as("%s -> %s", from, to).isGreaterThan(from.rank());
            }
        }
    }

    @Test
    void lifecycleFollowsDesign() {
        assertThat(ACCEPTED.canMoveTo(QUEUED)).isTrue();
        assertThat(QUEUED.canMoveTo(DELIVERED)).isTrue();
        assertThat(DELIVERED.canMoveTo(ACKNOWLEDGED)).isTrue();
        assertThat(QUEUED.canMoveTo(EXPIRED)).isTrue();
        assertThat(DELIVERED.canMoveTo(QUEUED)).isFalse();
        assertThat(DELIVERED.canMoveTo(EXPIRED)).as("a delivered message stays delivered").isFalse();
        assertThat(ACKNOWLEDGED.isTerminal()).isTrue();
        assertThat(EXPIRED.isTerminal()).isTrue();
        assertThat(FAILED.isTerminal()).isTrue();
        assertThat(QUEUED.isTerminal()).isFalse();
    }

    @Test
    void overallStateIsTheLeastAdvancedAndFailuresAreNotHidden() {
        assertThat(DeliveryState.overall(List.of(DELIVERED, QUEUED, ACKNOWLEDGED))).isEqualTo(QUEUED);
        assertThat(DeliveryState.overall(List.of(ACKNOWLEDGED, EXPIRED))).isEqualTo(EXPIRED);
        assertThat(DeliveryState.overall(List.of(EXPIRED, FAILED, ACKNOWLEDGED))).isEqualTo(FAILED);
        assertThat(DeliveryState.overall(List.of())).isEqualTo(ACCEPTED);
    }

    @Test
    void luaTransitionsListEveryAllowedMoveBetweenSpacesAndNoOther() {
        String lua = DeliveryState.luaTransitions();
        for (DeliveryState from : DeliveryState.values()) {
            for (DeliveryState to : DeliveryState.values()) {
                assertThat(lua.contains(" " + from + ">" + to + " ")).as(from + ">" + to).isEqualTo(from.canMoveTo(to));
            }
        }
        assertThat(lua).startsWith(" ACCEPTED>QUEUED ").endsWith(" DELIVERED>ACKNOWLEDGED ");
    }

    @Test
    void stateRecordParsesEntryAndTimestampsInOrder() {
        StateRecord record = StateRecord.parse("e=1700000000000-3 QUEUED=1700000000000 DELIVERED=1700000000005");
        assertThat(record.entryId()).isEqualTo("1700000000000-3");
        assertThat(record.state()).isEqualTo(DELIVERED);
        assertThat(record.at().toEpochMilli()).isEqualTo(1700000000005L);
        assertThat(record.timestamps()).containsKeys(QUEUED, DELIVERED);
        assertThat(StateRecord.parse(null)).isEqualTo(StateRecord.ACCEPTED);
        assertThat(StateRecord.parse("EXPIRED=1700000000009").entryId()).isNull();
    }
}
