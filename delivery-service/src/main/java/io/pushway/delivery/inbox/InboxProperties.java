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
 * @param maxLength cap of entries per inbox (the oldest are trimmed first)
 * @param statusRetention how long per-recipient state stays readable after a message expires;
 *     keep equal to {@code pushway.publish.status-retention} of ingest
 * @param replayPage entries read per round trip when a stream replays its inbox
 * @param topicHistory entries kept per topic for subscribers that resume
 */
@Validated
@ConfigurationProperties("pushway.inbox")
public record InboxProperties(
        @Min(1) @DefaultValue("10000") int maxLength,
        @NotNull @DefaultValue("7d") Duration statusRetention,
        @Min(1) @DefaultValue("100") int replayPage,
        @Min(1) @DefaultValue("1000") int topicHistory) {
}
