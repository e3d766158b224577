package io.pushway.ingest.status;

import java.time.Instant;
import java.util.List;

/**
 * What ingest knows about a message it accepted: who published it, when, until when, and for whom —
 * its recipients (a direct message) or its topic (then {@code recipients} is empty).
 */
public record MessageRecord(String id, String publisher, Instant createdAt, Instant expiresAt, List<String> recipients,
        String topic) {

    public MessageRecord {
        recipients = List.copyOf(recipients);
    }
}
