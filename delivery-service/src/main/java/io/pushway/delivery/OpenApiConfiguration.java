package io.pushway.delivery;

import io.pushway.delivery.cookie.CookieProperties;
import io.pushway.web.openapi.ApiDocs;
import io.pushway.web.openapi.OpenApiProperties;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The delivery service's OpenAPI 3.1 document, served with Swagger UI on the management port
 * ({@code /actuator/openapi}, {@code /actuator/swagger-ui}) and committed as
 * {@code docs/openapi/delivery.yaml}: the browser token schemes here, operations where they are served
 * (the WebSocket endpoint, which OpenAPI cannot model, as its upgrade {@code GET}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OpenApiProperties.class)
class OpenApiConfiguration {

    private static final String DESCRIPTION = """
            Receive the messages published to the ingest service (`docs/openapi/ingest.yaml`): over \
            Server-Sent Events, WebSocket or polling, and acknowledge them. The recipient is always the \
            token's subject; topics need the token's `push_topics` to allow them.

            Every event carries an id: an opaque cursor the client echoes back to resume \
            (`Last-Event-ID`, `lastEventId`, `after`), and the message id to drop duplicates by: delivery \
            is at least once until acknowledged or expired. A resume point older than what is retained \
            yields an explicit `gap` event first. Errors are RFC 9457 `application/problem+json`. \
            Guarantees: docs/delivery-semantics.md; prose and curl examples: docs/api.md.""";

    @Bean
    OpenAPI deliveryApi(OpenApiProperties properties, CookieProperties cookie) {
        OpenAPI api = ApiDocs.document("Pushway delivery API", DESCRIPTION, properties);
        api.getComponents()
                .addSecuritySchemes(ApiDocs.QUERY_TOKEN, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                        .in(SecurityScheme.In.QUERY).name("access_token").description("""
                                The bearer token as the `access_token` query parameter, for browsers' EventSource and \
                                WebSocket, which cannot set headers. It is removed from the URI before anything logs it."""))
                .addSecuritySchemes(ApiDocs.STREAM_COOKIE, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                        .in(SecurityScheme.In.COOKIE).name(cookie.name()).description("""
                                The bearer token as an HttpOnly cookie, set by `POST /api/v1/stream/cookie`; \
                                accepted by `GET /api/v1/stream` only."""));
        return api;
    }
}
