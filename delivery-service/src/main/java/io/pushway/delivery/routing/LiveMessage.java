package io.pushway.delivery.routing;

import io.pushway.delivery.inbox.EntryId;
import io.pushway.delivery.inbox.InboxEvent;
import java.time.Instant;

/**
 * The pub/sub message format of {@code events:{r}}, written by {@code scripts/append.lua}:
 * {@code <entry id> <expiresAt epoch ms> <message id> <data>}. The data is forwarded as is, never
 * parsed, so each event is encoded exactly once.
 */
final class LiveMessage {

    private LiveMessage() {
    }

    static InboxEvent decode(String message) {
        int first = message.indexOf(' ');
        int second = message.indexOf(' ', first + 1);
        int third = message.indexOf(' ', second + 1);
        if (first < 0 || second < 0 || third < 0) {
            throw new IllegalArgumentException("not a live event message");
        }
        return new InboxEvent(EntryId.parse(message.substring(0, first)), message.substring(second + 1, third),
                message.substring(third + 1), Instant.ofEpochMilli(Long.parseLong(message.substring(first + 1, second))));
    }
}
