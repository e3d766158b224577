/**
 * Idempotent publishing: the same publisher with the same {@code Idempotency-Key} within the window
 * gets the first message's id back and publishes nothing new, also when the duplicates race.
 */
package io.pushway.ingest.idempotency;
