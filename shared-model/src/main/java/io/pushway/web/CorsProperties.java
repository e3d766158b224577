package io.pushway.web;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

/**
 * Browser access from other origins ({@code pushway.cors.*}). Empty by default: no cross-origin
 * requests.
 *
 * @param allowedOrigins origins such as {@code https://app.example.com} allowed to call the API
 * @param maxAge how long browsers may cache a preflight answer
 * @param allowCredentials whether those origins may send cookies: only needed when pages of another
 *     origin use the delivery service's stream cookie; tokens in headers need no credentials
 */
@ConfigurationProperties("pushway.cors")
public record CorsProperties(@DefaultValue List<String> allowedOrigins, @DefaultValue("30m") Duration maxAge,
        @DefaultValue("false") boolean allowCredentials) {

    /** The CORS configuration of {@code /api/**}. */
    public CorsConfigurationSource source() {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(allowedOrigins);
        cors.setAllowedMethods(List.of("GET", "POST", "DELETE"));
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "Idempotency-Key", "Last-Event-ID"));
        cors.setExposedHeaders(List.of("Location", "Retry-After", "RateLimit-Limit", "RateLimit-Remaining",
                "RateLimit-Reset"));
        cors.setAllowCredentials(allowCredentials);
        cors.setMaxAge(maxAge);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", cors);
        return source;
    }
}
