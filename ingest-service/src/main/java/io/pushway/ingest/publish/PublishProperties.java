package io.pushway.ingest.publish;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Publishing settings ({@code pushway.publish.*}).
 *
 * @param defaultTtl TTL of a message that names none
 * @param statusRetention how long a message's status stays readable after it expires
 */
@Validated
@ConfigurationProperties("pushway.publish")
record PublishProperties(
        @NotNull @DefaultValue("24h") Duration defaultTtl,
        @NotNull @DefaultValue("7d") Duration statusRetention) {
}
