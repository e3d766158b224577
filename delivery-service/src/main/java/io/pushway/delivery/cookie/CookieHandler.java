package io.pushway.delivery.cookie;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * {@code POST /api/v1/stream/cookie} turns the caller's bearer token into the stream cookie (HttpOnly,
 * Secure, scoped to {@value CookieProperties#PATH}, expiring with the token); {@code DELETE} clears it.
 */
@Component
class CookieHandler {

    private final CookieProperties properties;
    private final Clock clock;

    CookieHandler(CookieProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    Mono<ServerResponse> set(ServerRequest request) {
        return request.principal().cast(JwtAuthenticationToken.class).flatMap(caller -> {
            Instant expires = caller.getToken().getExpiresAt();
            Duration left = expires == null ? Duration.ofHours(1) : Duration.between(clock.instant(), expires);
            return answer(caller.getToken().getTokenValue(), left.isNegative() ? Duration.ZERO : left);
        });
    }

    Mono<ServerResponse> clear(ServerRequest request) {
        return answer("", Duration.ZERO);
    }

    private Mono<ServerResponse> answer(String value, Duration maxAge) {
        ResponseCookie cookie = ResponseCookie.from(properties.name(), value).path(CookieProperties.PATH)
                .secure(true).httpOnly(true).sameSite(properties.sameSite()).maxAge(maxAge).build();
        return ServerResponse.noContent().header(HttpHeaders.SET_COOKIE, cookie.toString()).build();
    }
}
