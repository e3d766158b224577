package io.pushway.web.openapi;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The API document's {@code servers} entry ({@code pushway.openapi.*}): the public HTTPS address of
 * the service as its clients reach it. Swagger UI, served on the management port, sends "try it out"
 * requests there. The committed {@code docs/openapi/*.yaml} leave it out.
 *
 * @param serverUrl the public base URL, e.g. {@code https://push.example.com}
 */
@ConfigurationProperties("pushway.openapi")
public record OpenApiProperties(URI serverUrl) {

    public OpenApiProperties {
        if (serverUrl == null) {
            throw new IllegalArgumentException("pushway.openapi.server-url must be set");
        }
    }
}
