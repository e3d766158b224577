package io.pushway.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The cache of verified tokens ({@code pushway.token-cache.*}); see {@link CachingJwtDecoder}.
 *
 * @param ttl how long a verified token is answered from the cache after it was verified (never past
 *     its own {@code exp}); {@code 0} turns the cache off
 * @param maxSize tokens kept at most; the least used go first
 */
@ConfigurationProperties("pushway.token-cache")
record TokenCacheProperties(@DefaultValue("60s") Duration ttl, @DefaultValue("10000") long maxSize) {

    TokenCacheProperties {
        if (ttl.isNegative() || maxSize < 0) {
            throw new IllegalArgumentException("pushway.token-cache.ttl and .max-size must not be negative");
        }
    }

    boolean enabled() {
        return !ttl.isZero() && maxSize > 0;
    }
}
