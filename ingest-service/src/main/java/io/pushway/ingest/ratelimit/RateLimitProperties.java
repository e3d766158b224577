package io.pushway.ingest.ratelimit;

import io.pushway.web.TokenBuckets.Limit;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
 * @param scopes limits for tokens with these scopes instead of the default (e.g. a {@code push.bulk}
 *     scope your identity provider grants to batch jobs); a token with several gets the largest burst
 */
@Validated
@ConfigurationProperties("pushway.rate-limit")
record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @DecimalMin("0.001") @DefaultValue("200") double perSecond,
        @Min(1) @DefaultValue("400") int burst,
        @NotNull @DefaultValue("push.admin") Set<String> exemptScopes,
        @NotNull @DefaultValue Map<String, Limit> scopes) {

    /** The limit for a caller with {@code callerScopes}; empty if one of them is exempt. */
    Optional<Limit> limitFor(Collection<String> callerScopes) {
        if (callerScopes.stream().anyMatch(exemptScopes::contains)) {
            return Optional.empty();
        }
        return Optional.of(callerScopes.stream().map(scopes::get).filter(Objects::nonNull)
                .max(Comparator.comparingInt(Limit::burst))
                .orElse(new Limit(perSecond, burst)));
    }
}
