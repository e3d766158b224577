package io.pushway.ingest.idempotency;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Idempotency settings ({@code pushway.idempotency.*}).
 *
 * @param window how long a publisher's {@code Idempotency-Key} keeps answering with the first message id
 */
@Validated
@ConfigurationProperties("pushway.idempotency")
record IdempotencyProperties(@NotNull @DefaultValue("24h") Duration window) {
}
