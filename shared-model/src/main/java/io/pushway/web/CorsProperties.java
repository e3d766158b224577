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
 * requests. Tokens travel in headers (or {@code access_token}), never cookies, so credentials are
 * not allowed.
 *
 * @param allowedOrigins origins such as {@code https://app.example.com} allowed to call the API
 * @param maxAge how long browsers may cache a preflight answer
 */
@ConfigurationProperties("pushway.cors")
public record CorsProperties(@DefaultValue List<String> allowedOrigins, @DefaultValue("30m") Duration maxAge) {

    /** The CORS configuration of {@code /api/**}. */
    public CorsConfigurationSource source() {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(allowedOrigins);
        cors.setAllowedMethods(List.of("GET", "POST"));
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "Idempotency-Key", "Last-Event-ID"));
        cors.setExposedHeaders(List.of("Location", "Retry-After", "RateLimit-Limit", "RateLimit-Remaining",
                "RateLimit-Reset"));
        cors.setAllowCredentials(false);
        cors.setMaxAge(maxAge);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", cors);
        return source;
    }
}
