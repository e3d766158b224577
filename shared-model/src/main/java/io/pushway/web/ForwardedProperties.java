package io.pushway.web;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Proxies whose {@code X-Forwarded-For} is believed ({@code pushway.forwarded.*}); see {@link TrustedProxies}.
 *
 * @param trustedProxies addresses or CIDR ranges of the load balancers in front of the service, e.g.
 *     {@code 10.0.0.0/8}; empty (the default) believes no one
 */
@ConfigurationProperties("pushway.forwarded")
record ForwardedProperties(@DefaultValue List<String> trustedProxies) {
}
