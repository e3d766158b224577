package io.pushway.model;

import java.time.Instant;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * One message for one recipient (or one topic), as the Kafka record value on
 * {@link KafkaNames#MESSAGES}. Ingest writes one envelope per recipient of a direct message; the
 * record key is {@link #routingKey()}, so Kafka's partition order is the per-recipient order.
 *
 * <p>Exactly one of {@code recipient} and {@code topic} is set. {@code createdAt} is when ingest
 * accepted the request; the message is never delivered at or after {@code expiresAt}.
 * {@code publisher} is the JWT subject of the caller that published it.
 */
public record Envelope(
        String id,
        String recipient,
        String topic,
        JsonNode payload,
        Priority priority,
        Instant createdAt,
        Instant expiresAt,
        String publisher) {

    public Envelope {
        if (!MessageIds.isValid(id)) {
            throw new IllegalArgumentException("id must be a message id");
        }
        if ((recipient == null) == (topic == null)) {
            throw new IllegalArgumentException("exactly one of recipient and topic must be set");
        }
        if (recipient != null && !Ids.isValid(recipient) || topic != null && !Ids.isValid(topic)) {
            throw new IllegalArgumentException("recipient/topic must match " + Ids.REGEX);
        }
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(publisher, "publisher");
        priority = priority == null ? Priority.NORMAL : priority;
        if (!expiresAt.isAfter(createdAt)) {
            throw new IllegalArgumentException("expiresAt must be after createdAt");
        }
    }

    /** A direct message to one recipient. */
    public static Envelope direct(String id, String recipient, JsonNode payload, Priority priority,
            Instant createdAt, Instant expiresAt, String publisher) {
        return new Envelope(id, recipient, null, payload, priority, createdAt, expiresAt, publisher);
    }

    /** The Kafka record key: the recipient id, or the topic name. */
    public String routingKey() {
        return recipient != null ? recipient : topic;
    }

    /** Whether the message may no longer be delivered at {@code now}. */
    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
