package io.pushway.delivery.status;

import io.pushway.delivery.inbox.EntryId;
import io.pushway.model.DeliveryState;
import java.time.Instant;
import reactor.core.publisher.Mono;

/** Port: per-recipient delivery states. */
public interface DeliveryStatus {

    /**
     * Moves {@code messageId}'s state for {@code recipient} to {@code target} if that is a forward
     * transition from its current state; emits whether it moved. Late and duplicate updates are
     * no-ops, so callers may retry freely.
     */
    Mono<Boolean> advance(String recipient, String messageId, DeliveryState target);

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
    Mono<Void> countReach(String topic, String messageId);
}
