package io.pushway.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Shutdown of a replica ({@code pushway.shutdown.*}); see {@link ShutdownDrain}.
 *
 * @param drainDelay how long a stopping replica reports not-ready while it still serves, before its
 *     graceful shutdown begins: at least the time its load balancer needs to notice (HAProxy as
 *     configured in deploy/haproxy: about 2 s; Kubernetes: endpoint propagation, a few seconds)
 */
@ConfigurationProperties("pushway.shutdown")
record ShutdownProperties(@DefaultValue("0s") Duration drainDelay) {
}
