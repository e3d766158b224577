package io.pushway.delivery.inbox;

/** The outcome of appending one envelope to its feed (a recipient's inbox or a topic's history). */
public sealed interface Appended {

    /**
     * Queued messages this append found expired at the head of the feed and recorded EXPIRED. Inboxes
     * are swept lazily, so this counts expiries late and not all of them (key TTLs remove the rest).
     */
    int swept();

    /**
     * Newly queued under {@code entryId} and published to live streams.
     *
     * @param backlog entries in the recipient's inbox after this one (0 for a topic: its history is no backlog)
     */
    record Queued(EntryId entryId, long backlog, int swept) implements Appended {
    }

    /** Already processed before (a redelivered Kafka record): nothing changed. */
    record Duplicate() implements Appended {
        @Override
        public int swept() {
            return 0;
        }
    }

    /** Expired before it reached the inbox: recorded as EXPIRED, never delivered. */
    record Expired(int swept) implements Appended {
    }
}
