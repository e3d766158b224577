package io.pushway.delivery.inbox;

import io.micrometer.observation.Observation;
import io.pushway.model.Envelope;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Port: the feeds — recipients' inboxes and topics' histories.
 *
 * <p>Guarantees: each append is atomic and idempotent per (message, feed) — a redelivered
 * envelope never creates a second entry; entries of one feed are ordered by entry id in append
 * order; an appended entry is published to live subscribers by the same atomic step.
 */
public interface Inbox {

    /**
     * An envelope to append, and the observation its Redis call is traced under (null: none).
     */
    record Append(Envelope envelope, Observation parent) {
    }

    /**
     * Appends each envelope to its feed (the recipient's inbox, or the topic's history), in list order and
     * all in one round trip; emits the outcomes in that order, or a failure, after which any of them may or
     * may not have been appended (appending again is harmless: it finds the duplicate).
     */
    Mono<List<Appended>> append(List<Append> appends);

    /** Up to {@code count} entries of {@code feed} after {@code after}, oldest first. */
    Flux<InboxEvent> readAfter(Feed feed, EntryId after, int count);

    /**
     * The newest entry ever removed from {@code feed} to respect its length cap; empty if none. A
     * subscriber resuming from an older entry has missed messages.
     */
    Mono<EntryId> trimmedUpTo(Feed feed);

    /** The newest entry of {@code feed}; empty if it has none. */
    Mono<EntryId> newest(Feed feed);
}
