package io.pushway.web;

import java.util.List;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds a service's security chain: a stateless OAuth2 resource server (JWT; scopes become
 * {@code SCOPE_*} authorities), problem+json 401/403, CORS as {@link CorsProperties} allow, actuator
 * open (it listens on the separate, loopback-only management port). A request the service's rules do
 * not name still needs a valid token; it then gets the documented 404 (unknown path) or 405 (wrong
 * method) from the dispatcher, since every endpoint a service serves has a rule
 * ({@code AuthorizationMatrixSystemTests} checks each one).
 */
public final class SecurityChains {

    /** Authority of the {@code push.publish} scope. */
    public static final String PUBLISH = "SCOPE_push.publish";
    /** Authority of the {@code push.status} scope. */
    public static final String STATUS = "SCOPE_push.status";
    /** Authority of the {@code push.subscribe} scope. */
    public static final String SUBSCRIBE = "SCOPE_push.subscribe";
    /** Authority of the {@code push.admin} scope. */
    public static final String ADMIN = "SCOPE_push.admin";

    private SecurityChains() {
    }

    /**
     * Finds bearer tokens in the {@code Authorization} header, where {@link QueryTokens} also puts
     * an accepted {@code access_token} query parameter.
     */
    public static ServerAuthenticationConverter bearerTokens() {
        return new BearerTokens();
    }

    /**
     * @param tokens where the service looks for bearer tokens ({@link #bearerTokens} or more)
     * @param rules the service's authorization rules ({@link Authorization} adds the open actuator and
     *     server status before them, and a valid token for any request none of them matches)
     */
    public static SecurityWebFilterChain resourceServer(ServerHttpSecurity http, JsonMapper json,
            CorsProperties cors, ServerAuthenticationConverter tokens, AccessRule... rules) {
        SecurityProblems problems = new SecurityProblems(json);
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .cors(spec -> spec.configurationSource(cors.source()))
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .oauth2ResourceServer(server -> server
                        .bearerTokenConverter(tokens)
                        .authenticationEntryPoint(problems)
                        .jwt(Customizer.withDefaults()))
                // In place of authorizeExchange(): refuses without raising exceptions (Authorization).
                .addFilterAt(new Authorization(List.of(rules), problems), SecurityWebFiltersOrder.AUTHORIZATION)
                .build();
    }
}
