/**
 * The delivery service's own metrics, exported with everything else at {@code /actuator/prometheus}
 * on the management port.
 */
package io.pushway.delivery.metrics;
