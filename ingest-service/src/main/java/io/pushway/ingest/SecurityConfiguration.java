package io.pushway.ingest;

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
 * Who may call what: publishing needs {@code push.publish}; reading a status needs {@code push.status}
 * or {@code push.admin} (and, checked in the handler, being the message's publisher or an admin).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    SecurityWebFilterChain securityChain(ServerHttpSecurity http, JsonMapper json, CorsProperties cors) {
        return SecurityChains.resourceServer(http, json, cors, SecurityChains.bearerTokens(),
                AccessRule.on(HttpMethod.POST, "/api/v1/messages", "/api/v1/messages/batch")
                        .need(SecurityChains.PUBLISH),
                AccessRule.on(HttpMethod.GET, "/api/v1/messages/*").need(SecurityChains.STATUS, SecurityChains.ADMIN));
    }

    /** Publishers send tokens in headers: a token in the query is scrubbed from the URI and ignored. */
    @Bean
    QueryTokens queryTokens() {
        return QueryTokens.discard();
    }
}
