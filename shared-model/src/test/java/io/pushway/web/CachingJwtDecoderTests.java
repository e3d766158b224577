package io.pushway.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class CachingJwtDecoderTests {

    private static final TokenCacheProperties ONE_HOUR = new TokenCacheProperties(Duration.ofHours(1), 100);

    private final MovableClock clock = new MovableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final Delegate delegate = new Delegate();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void aReusedTokenIsVerifiedOnce() {
        Jwt jwt = jwt("token-a", clock.instant().plusSeconds(600));
        delegate.answer(Mono.just(jwt));
        ReactiveJwtDecoder decoder = cached(ONE_HOUR);

        StepVerifier.create(decoder.decode("token-a")).expectNext(jwt).verifyComplete();
        StepVerifier.create(decoder.decode("token-a")).expectNext(jwt).verifyComplete();

        assertThat(delegate.calls).containsExactly("token-a");
        assertThat(meters.get("cache.gets").tags("cache", "token", "result", "hit").functionCounter().count())
                .isEqualTo(1);
    }

    @Test
    void aCachedTokenIsRejectedByTheDelegateOnceExpiredBeyondTheSkew() {
        Instant expiry = clock.instant().plusSeconds(600);
        Jwt jwt = jwt("token-a", expiry);
        delegate.answer(Mono.just(jwt));
        ReactiveJwtDecoder decoder = cached(ONE_HOUR);
        StepVerifier.create(decoder.decode("token-a")).expectNext(jwt).verifyComplete();

        clock.set(expiry.plusSeconds(59));
        StepVerifier.create(decoder.decode("token-a")).expectNext(jwt).verifyComplete();
        assertThat(delegate.calls).hasSize(1);

        clock.set(expiry.plusSeconds(61));
        delegate.answer(Mono.error(new BadJwtException("Jwt expired")));
        StepVerifier.create(decoder.decode("token-a")).verifyErrorMessage("Jwt expired");
        assertThat(delegate.calls).hasSize(2);
    }

    @Test
    void aFailureIsNotCached() {
        delegate.answer(Mono.error(new BadJwtException("bad signature")));
        delegate.answer(Mono.error(new BadJwtException("bad signature")));
        ReactiveJwtDecoder decoder = cached(ONE_HOUR);

        StepVerifier.create(decoder.decode("forged")).verifyError(BadJwtException.class);
        StepVerifier.create(decoder.decode("forged")).verifyError(BadJwtException.class);

        assertThat(delegate.calls).containsExactly("forged", "forged");
    }

    @Test
    void anyOtherTokenStringIsAMiss() {
        Instant expiry = clock.instant().plusSeconds(600);
        delegate.answer(Mono.just(jwt("header.claims.signature", expiry)));
        delegate.answer(Mono.error(new BadJwtException("bad signature")));
        ReactiveJwtDecoder decoder = cached(ONE_HOUR);
        StepVerifier.create(decoder.decode("header.claims.signature")).expectNextCount(1).verifyComplete();

        StepVerifier.create(decoder.decode("header.claims.signaturf")).verifyError(BadJwtException.class);

        assertThat(delegate.calls).containsExactly("header.claims.signature", "header.claims.signaturf");
    }

    @Test
    void aZeroTtlTurnsTheCacheOff() {
        Jwt jwt = jwt("token-a", clock.instant().plusSeconds(600));
        delegate.answer(Mono.just(jwt));
        delegate.answer(Mono.just(jwt));
        ReactiveJwtDecoder decoder = cached(new TokenCacheProperties(Duration.ZERO, 100));

        StepVerifier.create(decoder.decode("token-a")).expectNext(jwt).verifyComplete();
        StepVerifier.create(decoder.decode("token-a")).expectNext(jwt).verifyComplete();

        assertThat(delegate.calls).containsExactly("token-a", "token-a");
    }

    private ReactiveJwtDecoder cached(TokenCacheProperties properties) {
        return CachingJwtDecoder.wrap(delegate, properties, clock, meters);
    }

    private Jwt jwt(String token, Instant expiry) {
        return Jwt.withTokenValue(token).header("alg", "RS256").subject("p")
                .issuedAt(clock.instant().minusSeconds(1)).expiresAt(expiry).build();
    }

    /** A decoder that answers from a script and records the tokens it was asked for. */
    private static final class Delegate implements ReactiveJwtDecoder {

        final List<String> calls = new ArrayList<>();
        private final Deque<Mono<Jwt>> answers = new ArrayDeque<>();

        void answer(Mono<Jwt> answer) {
            answers.add(answer);
        }

        @Override
        public Mono<Jwt> decode(String token) {
            calls.add(token);
            return answers.remove();
        }
    }

    private static final class MovableClock extends Clock {

        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
