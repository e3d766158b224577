package io.pushway.ingest.idempotency;

import reactor.core.publisher.Mono;

/**
 * Port: idempotency keys, scoped per publisher. Atomic: of concurrent claims of one key exactly
 * one is {@link Claim.Claimed}.
 */
public interface IdempotencyKeys {

    /** Claims {@code key} of {@code publisher} for message {@code messageId}. */
    Mono<Claim> claim(String publisher, String key, String messageId);

    /** Marks the claim of {@code messageId} as published, for the rest of the window. */
    Mono<Void> complete(String publisher, String key, String messageId);

    /** Frees the claim of {@code messageId} (its publish failed), so a retry can publish. */
    Mono<Void> release(String publisher, String key, String messageId);
}
