package io.pushway.delivery.admission;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Connection attempts per client address ({@code pushway.connection-limit.*}), shared by all delivery
 * replicas. Generous by default, because many users may share one address (NAT, corporate proxies).
 * Behind a load balancer, list it in {@code pushway.forwarded.trusted-proxies} so the client's address is used.
 *
 * @param enabled whether attempts are limited
 * @param perSecond sustained attempts per second per address
 * @param burst attempts an address may make at once
 */
@Validated
@ConfigurationProperties("pushway.connection-limit")
record ConnectionLimitProperties(
        @DefaultValue("true") boolean enabled,
        @DecimalMin("0.001") @DefaultValue("50") double perSecond,
        @Min(1) @DefaultValue("200") int burst) {
}
