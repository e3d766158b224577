/**
 * Delivery service: consumes envelopes from Kafka into per-recipient inboxes ({@code intake},
 * {@code inbox}), routes live events between replicas ({@code routing}), and serves subscriber streams
 * ({@code session}, {@code transport}), recording delivery states ({@code status}).
 */
package io.pushway.delivery;
