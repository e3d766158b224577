/**
 * Delivery states written by the delivery service after intake (QUEUED is written by the inbox
 * script): monotonic compare-and-set in Redis, driven by {@link io.pushway.model.DeliveryState}'s table.
 */
package io.pushway.delivery.status;
