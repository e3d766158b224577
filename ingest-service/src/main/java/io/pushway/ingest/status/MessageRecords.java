package io.pushway.ingest.status;

import java.time.Instant;
import reactor.core.publisher.Mono;

/** Port: storage of {@link MessageRecord}s. A stored record means the message is at least ACCEPTED. */
public interface MessageRecords {

    /** Stores {@code record}, kept until {@code retainUntil}. Atomic: the record exists whole or not at all. */
    Mono<Void> save(MessageRecord record, Instant retainUntil);

    /** The record of message {@code id}; empty when unknown or past retention. */
    Mono<MessageRecord> find(String id);

    /** Removes the record of a message that was never accepted (its Kafka write failed). */
    Mono<Void> delete(String id);
}
