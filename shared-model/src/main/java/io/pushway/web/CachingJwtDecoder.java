package io.pushway.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.time.Clock;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * Remembers the tokens another decoder verified, so a publisher that reuses its token costs one
 * signature check per {@code pushway.token-cache.ttl} instead of one per request.
 *
 * <p>Keyed by the whole token, signature included: any other string is a miss. A hit is checked
 * again against {@code exp} and {@code nbf} with the decoder's own rule ({@link JwtTimestampValidator},
 * 60 s of skew); one that no longer passes goes back to the delegate, which rejects it as usual. Only
 * tokens the delegate accepted are kept; a failure is never cached. The one trade-off: a token stays
 * accepted for up to the TTL after its signing key left the key set.
 *
 * <p>Thread-safe. Concurrent first uses of one token may each be verified; the last one is kept.
 * Metrics: {@code cache.*{cache="token"}}.
 */
final class CachingJwtDecoder implements ReactiveJwtDecoder {

    private final ReactiveJwtDecoder delegate;
    private final Cache<String, Jwt> verified;
    private final JwtTimestampValidator timestamps = new JwtTimestampValidator();

    private CachingJwtDecoder(ReactiveJwtDecoder delegate, TokenCacheProperties properties, Clock clock) {
        this.delegate = delegate;
        this.verified = Caffeine.newBuilder().expireAfterWrite(properties.ttl()).maximumSize(properties.maxSize())
                .recordStats().build();
        this.timestamps.setClock(clock);
    }

    /** {@code delegate} behind a cache as {@code properties} say, or {@code delegate} itself when it is off. */
    static ReactiveJwtDecoder wrap(ReactiveJwtDecoder delegate, TokenCacheProperties properties, Clock clock,
            MeterRegistry meters) {
        if (!properties.enabled() || delegate instanceof CachingJwtDecoder) {
            return delegate;
        }
        CachingJwtDecoder decoder = new CachingJwtDecoder(delegate, properties, clock);
        CaffeineCacheMetrics.monitor(meters, decoder.verified, "token");
        return decoder;
    }

    @Override
    public Mono<Jwt> decode(String token) {
        return Mono.defer(() -> {
            Jwt jwt = verified.getIfPresent(token);
            if (jwt != null) {
                if (!timestamps.validate(jwt).hasErrors()) {
                    return Mono.just(jwt);
                }
                verified.invalidate(token);
            }
            return delegate.decode(token).doOnNext(decoded -> verified.put(token, decoded));
        });
    }
}
