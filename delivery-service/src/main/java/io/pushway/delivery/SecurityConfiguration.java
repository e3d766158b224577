package io.pushway.delivery;

import io.pushway.delivery.cookie.CookieProperties;
import io.pushway.delivery.cookie.CookieTokens;
import io.pushway.web.AccessRule;
import io.pushway.web.CorsProperties;
import io.pushway.web.QueryTokens;
import io.pushway.web.SecurityChains;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import tools.jackson.databind.json.JsonMapper;

/**
 * Streams, polling, acks and the stream cookie need {@code push.subscribe}; the recipient is always
 * the token's subject. Because a browser {@code EventSource} cannot set headers, the token may also
 * come as the {@code access_token} query parameter or, for the SSE stream only, as the stream cookie.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    SecurityWebFilterChain securityChain(ServerHttpSecurity http, JsonMapper json, CorsProperties cors,
            CookieProperties cookie) {
        return SecurityChains.resourceServer(http, json, cors, new CookieTokens(SecurityChains.bearerTokens(), cookie),
                AccessRule.on(HttpMethod.GET, "/api/v1/stream", "/api/v1/ws", "/api/v1/inbox")
                        .need(SecurityChains.SUBSCRIBE),
                AccessRule.on(HttpMethod.POST, "/api/v1/messages/*/ack", "/api/v1/stream/cookie")
                        .need(SecurityChains.SUBSCRIBE),
                // Clearing the cookie needs no token: the token in it may have expired.
                AccessRule.on(HttpMethod.DELETE, "/api/v1/stream/cookie").open());
    }

    /** Browsers' {@code access_token} query parameter authenticates like the header, and is scrubbed from the URI. */
    @Bean
    QueryTokens queryTokens() {
        return QueryTokens.accept();
    }
}
