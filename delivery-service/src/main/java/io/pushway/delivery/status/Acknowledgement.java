package io.pushway.delivery.status;

import io.pushway.model.DeliveryState;

/** The outcome of a recipient's acknowledgement. */
public sealed interface Acknowledgement {

    /** The message is ACKNOWLEDGED (by this call or an earlier one) and out of the inbox. */
    record Acknowledged() implements Acknowledgement {
    }

    /** The recipient has no such message (or its status is past retention). */
    record Unknown() implements Acknowledgement {
    }

    /** The message is in a terminal state that cannot be acknowledged (EXPIRED, FAILED). */
    record Final(DeliveryState state) implements Acknowledgement {
    }
}
