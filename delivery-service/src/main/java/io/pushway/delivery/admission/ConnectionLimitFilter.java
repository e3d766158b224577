package io.pushway.delivery.admission;

import io.pushway.model.RedisKeys;
import io.pushway.web.ProblemResponses;
import io.pushway.web.TokenBuckets;
import io.pushway.web.TokenBuckets.Limit;
import java.net.InetSocketAddress;
import java.util.function.Supplier;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

/**
 * Limits connection attempts per client address ({@code ca:{sha256(address)}}) — opening a stream,
 * a WebSocket or a poll, and setting the stream cookie; not acks — before authentication, so floods of reconnects or token guessing from one address are turned
 * away cheaply with {@code 429} and {@code Retry-After}. If Redis cannot answer, attempts are not
 * limited.
 */
@Component
class ConnectionLimitFilter implements WebFilter, Ordered {

    private final TokenBuckets buckets;
    private final ConnectionLimitProperties properties;
    private final Limit limit;
    private final JsonMapper json;

    ConnectionLimitFilter(TokenBuckets buckets, ConnectionLimitProperties properties, JsonMapper json) {
        this.buckets = buckets;
        this.properties = properties;
        this.limit = new Limit(properties.perSecond(), properties.burst());
        this.json = json;
    }

    /** Before the security chain (order -100): unauthenticated attempts count too. */
    @Override
    public int getOrder() {
        return -200;
    }

    private static boolean isConnection(String path) {
        return path.startsWith("/api/v1/stream") || path.equals("/api/v1/ws") || path.equals("/api/v1/inbox");
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        if (!properties.enabled() || remote == null || !isConnection(exchange.getRequest().getPath().value())) {
            return chain.filter(exchange);
        }
        // A forwarded address is unresolved: its host string is the address as the proxy sent it.
        String address = remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
        return buckets.take(RedisKeys.hashed("ca", address), limit)
                // The request goes on (authentication, opening the stream) off Lettuce's I/O thread, which
                // would otherwise hold every Redis answer behind it (a reconnect storm tripped the breaker).
                .publishOn(Schedulers.parallel())
                .filter(decision -> !decision.allowed())
                .map(decision -> (Supplier<Mono<Void>>) () -> ProblemResponses.tooManyRequests(exchange, json,
                        decision, "too many connection attempts from this address; retry after the Retry-After seconds"))
                .defaultIfEmpty(() -> chain.filter(exchange))
                .flatMap(Supplier::get);
    }
}
