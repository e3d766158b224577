/**
 * Intake: the Kafka consumer of {@code push.messages.v1} (group {@code delivery}). Offsets are
 * committed only after every record of a batch is in its inbox; poison records go to the DLT.
 */
package io.pushway.delivery.intake;
