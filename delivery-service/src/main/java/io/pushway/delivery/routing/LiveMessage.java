package io.pushway.delivery.routing;

import io.pushway.delivery.inbox.EntryId;
import io.pushway.delivery.inbox.InboxEvent;
import java.time.Instant;

/**
 * The pub/sub message format of {@code events:{r}}, written by {@code scripts/append.lua}:
 * {@code <entry id> <previous entry id> <expiresAt epoch ms> <message id> <data>}. The data is
 * forwarded as is, never parsed, so each event is encoded exactly once.
 */
final class LiveMessage {

    private LiveMessage() {
    }

    static InboxEvent decode(String message) {
        int[] at = new int[4];
        for (int i = 0, from = 0; i < at.length; from = at[i++] + 1) {
            at[i] = message.indexOf(' ', from);
            if (at[i] < 0) {
                throw new IllegalArgumentException("not a live event message");
            }
        }
        return new InboxEvent(EntryId.parse(message.substring(0, at[0])), message.substring(at[2] + 1, at[3]),
                message.substring(at[3] + 1), Instant.ofEpochMilli(Long.parseLong(message.substring(at[1] + 1, at[2]))),
                EntryId.parse(message.substring(at[0] + 1, at[1])));
    }
}
