package io.pushway.delivery.intake;

/** A Kafka record that can never be processed (not a valid envelope): dead-lettered, not retried. */
class PoisonRecordException extends RuntimeException {

    PoisonRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
