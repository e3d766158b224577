package io.pushway.ingest.idempotency;

/** The outcome of claiming an idempotency key for a new message. */
public sealed interface Claim {

    /** The key was free: it now belongs to the new message, which should be published. */
    record Claimed() implements Claim {
    }

    /** The key already names a published message: answer with its id, publish nothing. */
    record Completed(String messageId) implements Claim {
    }

    /** A request with this key is still being published: the caller should retry shortly. */
    record InProgress() implements Claim {
    }
}
