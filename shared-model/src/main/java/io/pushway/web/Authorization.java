package io.pushway.web;

import java.util.List;
import java.util.stream.Stream;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthenticatedReactiveAuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.server.authorization.DelegatingReactiveAuthorizationManager;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcherEntry;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The security chain's authorization step: the first {@link AccessRule} matching the request decides.
 * The actuator (on the loopback-only management port) and the server status are open to anyone; a
 * request no rule matches needs a valid token. A refused request is answered here, 401 without a
 * token and 403 with one, and no exception is raised: Spring Security's own authorization step refuses by
 * throwing, and its exceptions' reactive stack traces made a refusal cost ingest more than half a publish
 * (docs/performance.md, fourteenth session).
 */
final class Authorization implements WebFilter {

    /** Before a service's rules: the actuator (loopback-only management port) and the server status. */
    private static final List<AccessRule> OPEN = List.of(AccessRule.on("/actuator/**").open(),
            // Server status: anyone; push.admin sees details (a token, when sent, must be valid).
            AccessRule.on(HttpMethod.GET, "/api/v1/status").open());

    private final ReactiveAuthorizationManager<ServerWebExchange> rules;
    private final SecurityProblems problems;

    Authorization(List<AccessRule> rules, SecurityProblems problems) {
        DelegatingReactiveAuthorizationManager.Builder manager = DelegatingReactiveAuthorizationManager.builder();
        Stream.concat(OPEN.stream(), rules.stream())
                .forEach(rule -> manager.add(new ServerWebExchangeMatcherEntry<>(rule.requests(), rule.access())));
        manager.add(new ServerWebExchangeMatcherEntry<>(ServerWebExchangeMatchers.anyExchange(),
                AuthenticatedReactiveAuthorizationManager.authenticated()));
        this.rules = manager.build();
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        Mono<Authentication> caller = ReactiveSecurityContextHolder.getContext()
                .mapNotNull(SecurityContext::getAuthentication);
        return rules.authorize(caller, exchange)
                .map(AuthorizationResult::isGranted)
                .defaultIfEmpty(false)
                .flatMap(granted -> granted ? chain.filter(exchange) : refuse(exchange, caller));
    }

    /** 403 to a known caller, 401 to anyone else; reading the caller again is a lookup in the context. */
    private Mono<Void> refuse(ServerWebExchange exchange, Mono<Authentication> caller) {
        return caller.hasElement()
                .flatMap(known -> known ? problems.forbidden(exchange) : problems.unauthorized(exchange, false));
    }
}
