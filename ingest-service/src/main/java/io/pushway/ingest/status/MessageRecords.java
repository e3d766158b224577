package io.pushway.ingest.status;

import java.time.Duration;
import java.util.List;
import reactor.core.publisher.Mono;

/** Port: storage of {@link MessageRecord}s. A stored record means the message is at least ACCEPTED. */
public interface MessageRecords {

    /**
     * Stores {@code records}, each kept until it expires plus {@code retention}; one call for all of them
     * (a batch's records leave for the store together). Each record is atomic: it exists whole or not at
     * all.
     */
    Mono<Void> save(List<MessageRecord> records, Duration retention);

    /** The record of message {@code id}; empty when unknown or past retention. */
    Mono<MessageRecord> find(String id);

    /** Removes the records of messages that were never accepted (their Kafka write failed); one call for all. */
    Mono<Void> delete(List<String> ids);
}
