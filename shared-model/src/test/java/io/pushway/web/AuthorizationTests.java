package io.pushway.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.pushway.model.JsonCodec;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * The first matching rule decides; a refusal is answered (401 without a caller, 403 with one) and the
 * filter completes, without an error signal for anything upstream to handle.
 */
class AuthorizationTests {

    private final Authorization authorization = new Authorization(List.of(
            AccessRule.on(HttpMethod.POST, "/api/v1/messages").need(SecurityChains.PUBLISH, SecurityChains.ADMIN),
            AccessRule.on(HttpMethod.DELETE, "/api/v1/stream/cookie").open()),
            new SecurityProblems(new WebConfiguration().jsonMapper()));

    @Test
    void aCallerWithOneOfTheAuthoritiesARuleNeedsPasses() {
        assertPasses(MockServerHttpRequest.post("/api/v1/messages"), caller(SecurityChains.ADMIN));
    }

    @Test
    void aRequestWithoutATokenIsAnswered401WithABearerChallengeAndNoError() {
        MockServerWebExchange exchange = refused(MockServerHttpRequest.post("/api/v1/messages"), null);

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(exchange.getResponse().getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).isEqualTo("Bearer");
        assertThat(body(exchange)).containsEntry("type", Problems.UNAUTHORIZED.toString())
                .containsEntry("instance", "/api/v1/messages");
    }

    @Test
    void aCallerWithoutTheAuthorityIsAnswered403InsufficientScopeAndNoError() {
        MockServerWebExchange exchange = refused(MockServerHttpRequest.post("/api/v1/messages"),
                caller(SecurityChains.SUBSCRIBE));

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(exchange.getResponse().getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE))
                .isEqualTo("Bearer error=\"insufficient_scope\"");
        assertThat(body(exchange)).containsEntry("type", Problems.FORBIDDEN.toString());
    }

    @Test
    void theRuleForAnotherMethodDoesNotApply() {
        refused(MockServerHttpRequest.get("/api/v1/stream/cookie"), null);
        assertPasses(MockServerHttpRequest.get("/api/v1/messages"), caller(SecurityChains.SUBSCRIBE));
    }

    @Test
    void openRequestsNeedNoToken() {
        assertPasses(MockServerHttpRequest.delete("/api/v1/stream/cookie"), null);
        assertPasses(MockServerHttpRequest.get("/actuator/health"), null);
        assertPasses(MockServerHttpRequest.get("/api/v1/status"), null);
    }

    @Test
    void aRequestNoRuleNamesNeedsAValidTokenOfAnyScope() {
        refused(MockServerHttpRequest.get("/api/v1/unknown"), null);
        refused(MockServerHttpRequest.post("/api/v1/status"), null);
        assertPasses(MockServerHttpRequest.get("/api/v1/unknown"), caller(SecurityChains.SUBSCRIBE));
    }

    private void assertPasses(MockServerHttpRequest.BaseBuilder<?> request, Authentication caller) {
        AtomicBoolean passed = new AtomicBoolean();
        MockServerWebExchange exchange = MockServerWebExchange.from(request);
        StepVerifier.create(filter(exchange, caller, passed)).verifyComplete();
        assertThat(passed).as("passed on to the rest of the chain").isTrue();
        assertThat(exchange.getResponse().getStatusCode()).isNull();
    }

    private MockServerWebExchange refused(MockServerHttpRequest.BaseBuilder<?> request, Authentication caller) {
        AtomicBoolean passed = new AtomicBoolean();
        MockServerWebExchange exchange = MockServerWebExchange.from(request);
        StepVerifier.create(filter(exchange, caller, passed)).verifyComplete();
        assertThat(passed).as("passed on to the rest of the chain").isFalse();
        assertThat(exchange.getResponse().getStatusCode()).isIn(HttpStatus.UNAUTHORIZED, HttpStatus.FORBIDDEN);
        return exchange;
    }

    private Mono<Void> filter(MockServerWebExchange exchange, Authentication caller, AtomicBoolean passed) {
        WebFilterChain rest = e -> Mono.fromRunnable(() -> passed.set(true));
        Mono<Void> filtered = authorization.filter(exchange, rest);
        return caller == null ? filtered
                : filtered.contextWrite(ReactiveSecurityContextHolder.withAuthentication(caller));
    }

    private static Authentication caller(String authority) {
        TestingAuthenticationToken caller = new TestingAuthenticationToken("alice", null, authority);
        caller.setAuthenticated(true);
        return caller;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(MockServerWebExchange exchange) {
        return JsonCodec.mapper().readValue(exchange.getResponse().getBodyAsString().block(), Map.class);
    }
}
