package io.pushway.ingest;

import io.pushway.web.openapi.ApiDocs;
import io.pushway.web.openapi.OpenApiProperties;
import io.swagger.v3.oas.models.OpenAPI;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The ingest service's OpenAPI 3.1 document, served with Swagger UI on the management port
 * ({@code /actuator/openapi}, {@code /actuator/swagger-ui}) and committed as
 * {@code docs/openapi/ingest.yaml}. Operations are described where they are served.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OpenApiProperties.class)
class OpenApiConfiguration {

    private static final String DESCRIPTION = """
            Publish messages to recipients or topics, and read each message's delivery status. \
            Subscribers receive the messages from the delivery service (`docs/openapi/delivery.yaml`).

            Every operation needs an OAuth2 bearer JWT with the scope it names. Errors are RFC 9457 \
            `application/problem+json`; request bodies are `application/json` only, unknown fields are \
            rejected. Publishing is rate-limited per token subject: its answers carry `RateLimit-Limit`, \
            `RateLimit-Remaining` and `RateLimit-Reset`, a 429 also `Retry-After`. Guarantees: \
            docs/delivery-semantics.md; prose and curl examples: docs/api.md.""";

    @Bean
    OpenAPI ingestApi(OpenApiProperties properties) {
        return ApiDocs.document("Pushway ingest API", DESCRIPTION, properties);
    }
}
