package io.pushway.delivery.inbox;

import java.time.Instant;

/**
 * One event of a recipient's stream: the inbox entry id (the SSE event id), the message id, the
 * event data exactly as it is sent ({@code {"id","payload","createdAt"}} JSON, encoded once at
 * intake, with no raw line breaks), and when the message expires. A live event also names
 * {@code previous}, the inbox's newest entry when it was appended ({@code null} for events read
 * from the inbox): a subscriber whose last event is older than that has missed one.
 */
public record InboxEvent(EntryId entryId, String messageId, String data, Instant expiresAt, EntryId previous) {

    /** An event read from the inbox. */
    public InboxEvent(EntryId entryId, String messageId, String data, Instant expiresAt) {
        this(entryId, messageId, data, expiresAt, null);
    }

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
