package io.pushway.ingest.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pushway.web.TokenBuckets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** The filter runs the rest of the chain exactly once when allowed or exempt, never when limited. */
class RateLimitFilterTests {

    private final AtomicInteger chainCalls = new AtomicInteger();
    private final RateLimitProperties properties = new RateLimitProperties(true, 1, 2, Set.of("push.admin"),
            Map.of("push.bulk", new TokenBuckets.Limit(100, 1000)));

    @Test
    void allowedRequestsPassOnceAndLimitedOnesNever() {
        assertThat(run(new TokenBuckets.Decision(true, 1, 0), "push.publish").getResponse().getStatusCode()).isNull();
        assertThat(chainCalls).hasValue(1);

        ServerWebExchange limited = run(new TokenBuckets.Decision(false, 0, 1500), "push.publish");
        assertThat(chainCalls).hasValue(1);
        assertThat(limited.getResponse().getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(limited.getResponse().getHeaders().getFirst("Retry-After")).isEqualTo("2");
    }

    @Test
    void exemptCallersPassOnceWithoutTakingATokenAndScopesPickTheirLimit() {
        run(null, "push.publish", "push.admin");
        assertThat(chainCalls).hasValue(1);

        assertThat(properties.limitFor(List.of("push.publish"))).contains(new TokenBuckets.Limit(1, 2));
        assertThat(properties.limitFor(List.of("push.publish", "push.bulk"))).contains(new TokenBuckets.Limit(100, 1000));
        assertThat(properties.limitFor(List.of("push.bulk", "push.admin"))).isEmpty();
    }

    @Test
    void scopeLimitsBindFromConfigurationAndNonsenseIsRefusedAtStartup() {
        RateLimitProperties bound = bind(Map.of("pushway.rate-limit.scopes[push.bulk].per-second", "5",
                "pushway.rate-limit.scopes[push.bulk].burst", "9"));
        assertThat(bound.scopes()).containsEntry("push.bulk", new TokenBuckets.Limit(5, 9));
        assertThat(bound.limitFor(List.of("push.publish"))).contains(new TokenBuckets.Limit(200, 400));

        assertThatThrownBy(() -> bind(Map.of("pushway.rate-limit.scopes[push.bulk].per-second", "5",
                "pushway.rate-limit.scopes[push.bulk].burst", "0"))).isInstanceOf(BindException.class);
    }

    private static RateLimitProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("pushway.rate-limit", RateLimitProperties.class);
    }

    /** Runs the filter for a caller with {@code scopes}, the bucket answering {@code decision} (null: must not be asked). */
    private ServerWebExchange run(TokenBuckets.Decision decision, String... scopes) {
        TokenBuckets buckets = new TokenBuckets(null, null, Clock.systemUTC()) {
            @Override
            public Mono<Decision> take(String key, Limit limit) {
                assertThat(decision).as("bucket asked").isNotNull();
                return Mono.just(decision);
            }
        };
        String[] authorities = java.util.Arrays.stream(scopes).map(s -> "SCOPE_" + s).toArray(String[]::new);
        ServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/api/v1/messages"))
                .mutate().principal(Mono.just(new TestingAuthenticationToken("publisher", null, authorities))).build();
        new RateLimitFilter(buckets, properties, JsonMapper.builder().build())
                .filter(exchange, e -> Mono.fromRunnable(chainCalls::incrementAndGet)).block();
        return exchange;
    }
}
