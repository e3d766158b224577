package io.pushway.delivery.session;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Session settings ({@code pushway.session.*}).
 *
 * @param liveBuffer live events a stream may hold while it replays or while its client is slow
 */
@Validated
@ConfigurationProperties("pushway.session")
public record SessionProperties(@Min(16) @DefaultValue("1000") int liveBuffer) {
}
