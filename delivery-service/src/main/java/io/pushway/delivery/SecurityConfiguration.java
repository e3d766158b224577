package io.pushway.delivery;

import io.pushway.web.CorsProperties;
import io.pushway.web.SecurityChains;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import tools.jackson.databind.json.JsonMapper;

/**
 * Streams, polling and acks need {@code push.subscribe}; the recipient is always the token's subject. The token may
 * come as the {@code access_token} query parameter, because a browser {@code EventSource} cannot set
 * headers.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    SecurityWebFilterChain securityChain(ServerHttpSecurity http, JsonMapper json, CorsProperties cors) {
        return SecurityChains.resourceServer(http, json, cors, true, rules -> rules
                .pathMatchers(HttpMethod.GET, "/api/v1/stream", "/api/v1/ws", "/api/v1/inbox")
                .hasAuthority(SecurityChains.SUBSCRIBE)
                .pathMatchers(HttpMethod.POST, "/api/v1/messages/*/ack").hasAuthority(SecurityChains.SUBSCRIBE));
    }
}
