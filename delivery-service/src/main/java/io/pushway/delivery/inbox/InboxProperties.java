package io.pushway.delivery.inbox;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Inbox settings ({@code pushway.inbox.*}).
 *
 * @param maxLength approximate cap of entries per inbox (older entries are trimmed first)
 * @param statusRetention how long per-recipient state stays readable after a message expires;
 *     keep equal to {@code pushway.publish.status-retention} of ingest
 * @param replayPage entries read per round trip when a stream replays its inbox
 */
@Validated
@ConfigurationProperties("pushway.inbox")
public record InboxProperties(
        @Min(1) @DefaultValue("10000") int maxLength,
        @NotNull @DefaultValue("7d") Duration statusRetention,
        @Min(1) @DefaultValue("100") int replayPage) {
}
