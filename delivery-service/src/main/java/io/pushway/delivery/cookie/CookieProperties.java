package io.pushway.delivery.cookie;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The stream token cookie ({@code pushway.stream-cookie.*}).
 *
 * @param enabled whether the cookie endpoint exists and the SSE stream accepts the cookie
 * @param name the cookie's name; the {@code __Secure-} prefix makes browsers refuse it over plain HTTP
 * @param sameSite {@code Strict} (default: sent only from pages of the same site), {@code Lax}, or
 *     {@code None} (sent cross-site; needs {@code pushway.cors.allow-credentials} for the page to use it)
 */
@Validated
@ConfigurationProperties("pushway.stream-cookie")
public record CookieProperties(
        @DefaultValue("true") boolean enabled,
        @NotBlank @Pattern(regexp = "[A-Za-z0-9_-]+") @DefaultValue("__Secure-pushway-stream") String name,
        @Pattern(regexp = "Strict|Lax|None") @DefaultValue("Strict") String sameSite) {

    /** The path the cookie is scoped to: browsers send it to the SSE stream and nowhere else. */
    public static final String PATH = "/api/v1/stream";
}
