package io.pushway.delivery.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EntryIdTests {

    @Test
    void parsesAndPrintsRedisStreamIds() {
        EntryId id = EntryId.parse("1764097200123-7");
        assertThat(id.millis()).isEqualTo(1764097200123L);
        assertThat(id.sequence()).isEqualTo(7);
        assertThat(id).hasToString("1764097200123-7");
    }

    @Test
    void ordersByMillisThenSequence() {
        assertThat(EntryId.parse("10-2").isAfter(EntryId.parse("10-1"))).isTrue();
        assertThat(EntryId.parse("11-0").isAfter(EntryId.parse("10-99"))).isTrue();
        assertThat(EntryId.parse("10-1").isAfter(EntryId.parse("10-1"))).isFalse();
        assertThat(EntryId.parse("0-1").isAfter(EntryId.ZERO)).isTrue();
    }

    @Test
    void rejectsAnythingElseWithoutEchoingIt() {
        for (String bad : new String[] {null, "", "12", "-1-0", "1-", "a-b", "1-0\r\ndata: x", "99999999999999999999-0", "1-0 "}) {
            assertThatThrownBy(() -> EntryId.parse(bad)).as(String.valueOf(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("must be an event id received from this stream");
        }
    }
}
