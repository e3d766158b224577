package io.pushway.web;

import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorityReactiveAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import reactor.core.publisher.Mono;

/**
 * One rule of a service's security chain: what the requests it matches need. Rules are tried in
 * order; a request no rule matches needs a valid token ({@link SecurityChains}).
 *
 * @param requests the requests the rule covers
 * @param access what a caller needs for them
 */
public record AccessRule(ServerWebExchangeMatcher requests, ReactiveAuthorizationManager<AuthorizationContext> access) {

    /** The requests with {@code method} to any of {@code paths} (Spring path patterns). */
    public static Requests on(HttpMethod method, String... paths) {
        return new Requests(ServerWebExchangeMatchers.pathMatchers(method, paths));
    }

    /** The requests to any of {@code paths}, whatever their method. */
    public static Requests on(String... paths) {
        return new Requests(ServerWebExchangeMatchers.pathMatchers(paths));
    }

    /** Requests to which a rule is about to apply. */
    public record Requests(ServerWebExchangeMatcher matcher) {

        /** A token with at least one of {@code authorities} ({@code SCOPE_*}). */
        public AccessRule need(String... authorities) {
            return new AccessRule(matcher, AuthorityReactiveAuthorizationManager.hasAnyAuthority(authorities));
        }

        /** No token needed; a token that is sent must still be valid. */
        public AccessRule open() {
            return new AccessRule(matcher, (caller, context) -> Mono.just(new AuthorizationDecision(true)));
        }
    }
}
