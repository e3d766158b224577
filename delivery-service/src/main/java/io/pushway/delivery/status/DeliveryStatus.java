package io.pushway.delivery.status;

import io.pushway.delivery.inbox.EntryId;
import java.time.Instant;
import reactor.core.publisher.Mono;

/** Port: per-recipient delivery states. */
public interface DeliveryStatus {

    /**
     * {@code messageId} was written to a stream of {@code recipient}: its state becomes {@code DELIVERED}
     * if that is a forward move (late and duplicate marks are no-ops), within
     * {@link DeliveredMarks#FLUSH_EVERY}.
     */
    void markDelivered(String recipient, String messageId);

    /**
     * Records that {@code recipient} acknowledged {@code messageId} and removes it from the inbox, in
     * one atomic step. Idempotent.
     */
    Mono<Acknowledgement> acknowledge(String recipient, String messageId);

    /**
     * {@code recipient} resumed from inbox entry {@code upTo}, so it received every entry up to there:
     * those still QUEUED become DELIVERED (their own DELIVERED write may have been lost with a replica).
     */
    Mono<Void> confirmDeliveredUpTo(String recipient, EntryId upTo);

    /**
     * Records {@code messageId} as FAILED for {@code recipient} (it could not be taken in), kept until
     * {@code retainUntil}; emits whether it was recorded (not if the message already had a state).
     */
    Mono<Boolean> fail(String recipient, String messageId, Instant retainUntil);

    /**
     * Counts one more stream that topic message {@code messageId} was written to; the count is stored
     * within {@link ReachCounts#FLUSH_EVERY}.
     */
    void countReach(String topic, String messageId);
}
