package io.pushway.delivery.inbox;

/** The outcome of appending one envelope to its recipient's inbox. */
public sealed interface Appended {

    /** Newly queued under {@code entryId} and published to live streams. */
    record Queued(EntryId entryId) implements Appended {
    }

    /** Already processed before (a redelivered Kafka record): nothing changed. */
    record Duplicate() implements Appended {
    }

    /** Expired before it reached the inbox: recorded as EXPIRED, never delivered. */
    record Expired() implements Appended {
    }
}
