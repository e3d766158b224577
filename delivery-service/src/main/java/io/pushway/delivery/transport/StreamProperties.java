package io.pushway.delivery.transport;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Stream transport settings ({@code pushway.stream.*}).
 *
 * @param heartbeat interval of the comment heartbeat that keeps idle streams (and proxies) alive
 * @param reconnectDelay the SSE {@code retry} sent with a reconnect request
 */
@Validated
@ConfigurationProperties("pushway.stream")
record StreamProperties(
        @NotNull @DefaultValue("15s") Duration heartbeat,
        @NotNull @DefaultValue("1s") Duration reconnectDelay) {
}
