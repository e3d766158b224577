package io.pushway.delivery.cookie;

import org.springframework.http.HttpCookie;
import org.springframework.http.HttpMethod;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Finds the bearer token: where {@code bearer} looks (the {@code Authorization} header, and the
 * {@code access_token} query parameter), else, for {@code GET /api/v1/stream} only, the stream
 * cookie. A header always wins over a leftover cookie.
 */
public final class CookieTokens implements ServerAuthenticationConverter {

    private final ServerAuthenticationConverter bearer;
    private final CookieProperties properties;

    public CookieTokens(ServerAuthenticationConverter bearer, CookieProperties properties) {
        this.bearer = bearer;
        this.properties = properties;
    }

    @Override
    public Mono<Authentication> convert(ServerWebExchange exchange) {
        return bearer.convert(exchange).switchIfEmpty(Mono.defer(() -> fromCookie(exchange)));
    }

    private Mono<Authentication> fromCookie(ServerWebExchange exchange) {
        var request = exchange.getRequest();
        if (!properties.enabled() || request.getMethod() != HttpMethod.GET
                || !CookieProperties.PATH.equals(request.getPath().pathWithinApplication().value())) {
            return Mono.empty();
        }
        HttpCookie cookie = request.getCookies().getFirst(properties.name());
        return cookie == null || cookie.getValue().isEmpty() ? Mono.empty()
                : Mono.just(new BearerTokenAuthenticationToken(cookie.getValue()));
    }
}
