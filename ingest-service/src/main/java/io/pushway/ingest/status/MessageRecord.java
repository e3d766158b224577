package io.pushway.ingest.status;

import java.time.Instant;
import java.util.List;

/** What ingest knows about a message it accepted: who published it, when, for whom, until when. */
public record MessageRecord(String id, String publisher, Instant createdAt, Instant expiresAt, List<String> recipients) {

    public MessageRecord {
        recipients = List.copyOf(recipients);
    }
}
