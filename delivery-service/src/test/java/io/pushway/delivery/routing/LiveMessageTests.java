package io.pushway.delivery.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pushway.delivery.inbox.EntryId;
import io.pushway.delivery.inbox.InboxEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LiveMessageTests {

    @Test
    void decodesTheFormatTheAppendScriptPublishes() {
        String data = "{\"id\":\"m1\",\"payload\":{\"text\":\"a b c\"},\"createdAt\":\"2026-11-25T19:00:00Z\"}";

        InboxEvent event = LiveMessage.decode("1764097200123-0 1764097100000-4 1764100800000 m1 " + data);

        assertThat(event.entryId()).isEqualTo(new EntryId(1764097200123L, 0));
        assertThat(event.expiresAt()).isEqualTo(Instant.ofEpochMilli(1764100800000L));
        assertThat(event.messageId()).isEqualTo("m1");
        assertThat(event.data()).isEqualTo(data);
        assertThat(event.previous()).isEqualTo(new EntryId(1764097100000L, 4));
    }

    @Test
    void rejectsTruncatedMessages() {
        assertThatThrownBy(() -> LiveMessage.decode("1-0 0-0 5 m1")).isInstanceOf(IllegalArgumentException.class);
    }
}
