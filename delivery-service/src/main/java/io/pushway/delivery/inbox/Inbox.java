package io.pushway.delivery.inbox;

import io.pushway.model.Envelope;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Port: the recipients' inboxes.
 *
 * <p>Guarantees: {@link #append} is atomic and idempotent per (message, recipient) — a redelivered
 * envelope never creates a second entry; entries of one recipient are ordered by entry id in append
 * order; a queued entry is published to live subscribers by the same atomic step.
 */
public interface Inbox {

    /** Appends a direct-message envelope to its recipient's inbox. */
    Mono<Appended> append(Envelope envelope);

    /** Up to {@code count} entries of {@code recipient}'s inbox after {@code after}, oldest first. */
    Flux<InboxEvent> readAfter(String recipient, EntryId after, int count);
}
