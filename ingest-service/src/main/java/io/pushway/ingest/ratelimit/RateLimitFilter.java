package io.pushway.ingest.ratelimit;

import io.pushway.web.ProblemResponses;
import io.pushway.web.Problems;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Applies the publisher's rate limit to {@code POST /api/v1/messages} and {@code /batch}, after
 * authentication: {@code RateLimit-Limit/Remaining/Reset} on every answer, {@code 429} with
 * {@code Retry-After} when the bucket is empty. If Redis cannot answer, publishing is not blocked
 * (the publish itself then fails cleanly if Redis is really down).
 */
@Component
class RateLimitFilter implements WebFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);

    private final RateLimiter limiter;
    private final RateLimitProperties properties;
    private final JsonMapper json;

    RateLimitFilter(RateLimiter limiter, RateLimitProperties properties, JsonMapper json) {
        this.limiter = limiter;
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
        return exchange.getPrincipal().cast(Authentication.class)
                .filter(caller -> caller.getAuthorities().stream().noneMatch(a -> properties.exemptScopes()
                        .contains(a.getAuthority().replaceFirst("^SCOPE_", ""))))
                .flatMap(caller -> limiter.take(caller.getName())
                        .timeout(Duration.ofSeconds(1))
                        .onErrorResume(e -> {
                            log.warn("Rate limit unavailable, not limiting: {}", e.toString());
                            return Mono.empty();
                        }))
                .flatMap(decision -> decide(exchange, chain, decision))
                .switchIfEmpty(Mono.defer(() -> chain.filter(exchange)));
    }

    private Mono<Void> decide(ServerWebExchange exchange, WebFilterChain chain, RateLimiter.Decision decision) {
        var headers = exchange.getResponse().getHeaders();
        long resetSeconds = Math.max(1, (decision.retryAfterMillis() + 999) / 1000);
        headers.set("RateLimit-Limit", String.valueOf(properties.burst()));
        headers.set("RateLimit-Remaining", String.valueOf(decision.remaining()));
        headers.set("RateLimit-Reset", String.valueOf(decision.allowed() ? 1 : resetSeconds));
        if (decision.allowed()) {
            return chain.filter(exchange);
        }
        headers.set("Retry-After", String.valueOf(resetSeconds));
        ProblemDetail problem = Problems.of(HttpStatus.TOO_MANY_REQUESTS, Problems.RATE_LIMITED, "Too many requests",
                "this publisher exceeded its rate limit; retry after the Retry-After seconds");
        return ProblemResponses.write(exchange, problem, json);
    }
}
