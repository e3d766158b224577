/**
 * The contracts both Pushway services share: the Kafka {@link io.pushway.model.Envelope}, the
 * {@link io.pushway.model.DeliveryState} machine, the names of Kafka topics and headers
 * ({@link io.pushway.model.KafkaNames}), the Redis key scheme ({@link io.pushway.model.RedisKeys}),
 * the per-recipient state record format ({@link io.pushway.model.StateRecord}), identifiers, the
 * single JSON configuration ({@link io.pushway.model.JsonCodec}) and the names of logging context
 * entries ({@link io.pushway.model.LogFields}).
 *
 * <p>Nothing here depends on Spring; every type is immutable and thread-safe.
 */
package io.pushway.model;
