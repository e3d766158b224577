package io.pushway.delivery.inbox;

import java.time.Instant;

/**
 * One event of a recipient's stream: the inbox entry id (the SSE event id), the message id, the
 * event data exactly as it is sent ({@code {"id","payload","createdAt"}} JSON, encoded once at
 * intake, with no raw line breaks), and when the message expires.
 */
public record InboxEvent(EntryId entryId, String messageId, String data, Instant expiresAt) {

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
