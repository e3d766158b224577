package io.pushway.web.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.JsonNode;

/**
 * The frame of each service's OpenAPI 3.1 document: info, the configured server, bearer JWT
 * security, and the problem+json schema and responses that operations refer to by name
 * ({@code @ApiResponse(responseCode = "400", ref = ApiDocs.PROBLEM)}). There is no document-wide
 * security requirement: each operation names its scheme and scope, and one that names none is open. The
 * {@link #problem() Problem
 * schema} is defined here only: a new problem member is added in that one method.
 */
public final class ApiDocs {

    /** The bearer JWT security scheme; operations name their scope, e.g. {@code push.publish}. */
    public static final String BEARER = "bearer";
    /** The {@code access_token} query parameter, for browsers; accepted by the delivery service only. */
    public static final String QUERY_TOKEN = "queryToken";
    /** The delivery service's stream cookie, for browsers' {@code EventSource}. */
    public static final String STREAM_COOKIE = "streamCookie";
    /** The problem+json response (and schema). */
    public static final String PROBLEM = "Problem";
    /** The problem+json response with a {@code Retry-After} header. */
    public static final String RETRY_LATER = "RetryLater";

    static {
        // Every ProblemDetail in a body (batch results) is the Problem schema; a JsonNode is any JSON value.
        SpringDocUtils.getConfig()
                .replaceWithSchema(ProblemDetail.class, new Schema<>().$ref(PROBLEM))
                .replaceWithSchema(JsonNode.class, new JsonSchema().description("Any JSON value."));
    }

    private ApiDocs() {
    }

    /** A document titled {@code title}, described by {@code description} (Markdown), served at the configured URL. */
    public static OpenAPI document(String title, String description, OpenApiProperties properties) {
        return new OpenAPI()
                .info(new Info().title(title).version("1").description(description))
                .servers(List.of(new Server().url(properties.serverUrl().toString()).description("this service")))
                .components(new Components()
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").bearerFormat("JWT").description("""
                                        An OAuth2 access token (JWT) of the identity provider. Scopes (claim `scope`): \
                                        `push.publish`, `push.status`, `push.subscribe`, `push.admin`; each operation \
                                        names the one it needs. Optional claim `push_topics`: topic names and `prefix.*` \
                                        patterns the token may publish or subscribe to."""))
                        .addSchemas(PROBLEM, problem())
                        .addResponses(PROBLEM, problemResponse("An RFC 9457 problem."))
                        .addResponses(RETRY_LATER, problemResponse("An RFC 9457 problem; retry after the `Retry-After` seconds.")
                                .addHeaderObject("Retry-After", new Header().description("Seconds to wait before retrying.")
                                        .schema(new IntegerSchema().minimum(java.math.BigDecimal.ONE)))));
    }

    /** The RFC 9457 problem as Pushway answers it ({@code io.pushway.web.Problems}). */
    static Schema<?> problem() {
        Schema<?> fieldError = new ObjectSchema()
                .addProperty("path", new StringSchema().description("JSON-path-like field path, e.g. `recipients[3]`."))
                .addProperty("message", new StringSchema());
        return new ObjectSchema().description("""
                        An RFC 9457 problem. `type` is stable per kind of error \
                        (`https://pushway.io/problems/validation`, `…/rate-limited`, `…/unavailable`, …).""")
                .addProperty("type", new StringSchema().format("uri"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema())
                .addProperty("errors", new ArraySchema().items(fieldError).description("Validation problems: every invalid field."))
                .addProperty("traceId", new StringSchema().pattern("^[0-9a-f]{32}$").description(
                        "5xx only: the W3C trace id the failure was logged with; quote it when reporting the error."));
    }

    private static ApiResponse problemResponse(String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType("application/problem+json",
                new MediaType().schema(new Schema<>().$ref(PROBLEM))));
    }
}
