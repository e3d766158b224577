package io.pushway.ingest.ratelimit;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Publish rate limits ({@code pushway.rate-limit.*}), per publisher across all ingest replicas.
 *
 * @param enabled whether publishing is limited at all
 * @param perSecond sustained publish requests per second per publisher (may be fractional)
 * @param burst requests a publisher may make at once after being idle
 * @param exemptScopes tokens with any of these scopes are not limited
 */
@Validated
@ConfigurationProperties("pushway.rate-limit")
record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @DecimalMin("0.001") @DefaultValue("200") double perSecond,
        @Min(1) @DefaultValue("400") int burst,
        @NotNull @DefaultValue("push.admin") Set<String> exemptScopes) {
}
