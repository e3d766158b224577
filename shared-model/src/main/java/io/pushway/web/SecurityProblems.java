package io.pushway.web;

import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * 401 and 403 as problem+json, with the {@code WWW-Authenticate} challenge of RFC 6750. The
 * token's defect is named in the challenge ({@code invalid_token}) but the token itself is never
 * echoed.
 */
final class SecurityProblems implements ServerAuthenticationEntryPoint {

    private final JsonMapper json;

    SecurityProblems(JsonMapper json) {
        this.json = json;
    }

    /** A token that was sent but not accepted ({@code invalid}), or no token. */
    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException e) {
        return unauthorized(exchange, e instanceof InvalidBearerTokenException
                || e instanceof org.springframework.security.oauth2.core.OAuth2AuthenticationException);
    }

    /** 401: no token, or ({@code invalid}) one that is invalid, expired or malformed. */
    Mono<Void> unauthorized(ServerWebExchange exchange, boolean invalid) {
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE,
                invalid ? "Bearer error=\"invalid_token\"" : "Bearer");
        return write(exchange, HttpStatus.UNAUTHORIZED, Problems.UNAUTHORIZED, "Unauthorized",
                invalid ? "the access token is invalid, expired or malformed" : "an access token is required");
    }

    /** 403: a valid token without the scope the endpoint requires. */
    Mono<Void> forbidden(ServerWebExchange exchange) {
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE,
                "Bearer error=\"insufficient_scope\"");
        return write(exchange, HttpStatus.FORBIDDEN, Problems.FORBIDDEN, "Forbidden",
                "the access token lacks the scope this endpoint requires");
    }

    private Mono<Void> write(ServerWebExchange exchange, HttpStatus status, URI type, String title, String detail) {
        ProblemDetail problem = Problems.of(status, type, title, detail);
        problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
        return ProblemResponses.write(exchange, problem, json);
    }
}
