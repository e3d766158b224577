package io.pushway.delivery.session;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Session settings ({@code pushway.session.*}).
 *
 * @param liveBuffer live events a stream may hold while it replays or while its client is slow
 * @param resync how often a stream re-reads its inbox for events whose live message was lost
 */
@Validated
@ConfigurationProperties("pushway.session")
public record SessionProperties(
        @Min(16) @DefaultValue("1000") int liveBuffer,
        @NotNull @DefaultValue("10s") Duration resync) {
}
