package io.pushway.ingest.ratelimit;

import io.pushway.model.RedisKeys;
import io.pushway.web.ProblemResponses;
import io.pushway.web.TokenBuckets;
import io.pushway.web.TokenBuckets.Decision;
import io.pushway.web.TokenBuckets.Limit;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Applies the publisher's rate limit to {@code POST /api/v1/messages} and {@code /batch}, after
 * authentication: a token bucket per token subject ({@code rl:{sha256(subject)}}), sized by the
 * caller's scopes; {@code RateLimit-Limit/Remaining/Reset} on every answer, {@code 429} with
 * {@code Retry-After} when the bucket is empty. If Redis cannot answer, publishing is not limited.
 */
@Component
class RateLimitFilter implements WebFilter, Ordered {

    private final TokenBuckets buckets;
    private final RateLimitProperties properties;
    private final JsonMapper json;

    RateLimitFilter(TokenBuckets buckets, RateLimitProperties properties, JsonMapper json) {
        this.buckets = buckets;
        this.properties = properties;
        this.json = json;
    }

    @Override
    public int getOrder() {
        return 0;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var request = exchange.getRequest();
        if (!properties.enabled() || request.getMethod() != HttpMethod.POST
                || !request.getPath().value().startsWith("/api/v1/messages")) {
            return chain.filter(exchange);
        }
        // Decide first, then run the rest of the chain exactly once.
        return exchange.getPrincipal().cast(Authentication.class)
                .flatMap(caller -> Mono.justOrEmpty(properties.limitFor(scopes(caller)))
                        .flatMap(limit -> buckets.take(RedisKeys.hashed("rl", caller.getName()), limit)
                                .map(decision -> (Supplier<Mono<Void>>) () -> decide(exchange, chain, limit, decision))))
                .defaultIfEmpty(() -> chain.filter(exchange))
                .flatMap(Supplier::get);
    }

    private static List<String> scopes(Authentication caller) {
        return caller.getAuthorities().stream().map(a -> a.getAuthority().replaceFirst("^SCOPE_", "")).toList();
    }

    private Mono<Void> decide(ServerWebExchange exchange, WebFilterChain chain, Limit limit, Decision decision) {
        var headers = exchange.getResponse().getHeaders();
        headers.set("RateLimit-Limit", String.valueOf(limit.burst()));
        headers.set("RateLimit-Remaining", String.valueOf(decision.remaining()));
        headers.set("RateLimit-Reset", String.valueOf(decision.allowed() ? 1 : decision.retryAfterSeconds()));
        return decision.allowed() ? chain.filter(exchange) : ProblemResponses.tooManyRequests(exchange, json,
                decision, "this publisher exceeded its rate limit; retry after the Retry-After seconds");
    }
}
