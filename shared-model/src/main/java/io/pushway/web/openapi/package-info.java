/**
 * The OpenAPI 3.1 parts both services share: the document frame ({@link io.pushway.web.openapi.ApiDocs}:
 * info, server, bearer security, the problem+json schema and responses), the problem responses
 * operations share ({@link io.pushway.web.openapi.CommonProblems}) and where the API is served
 * ({@link io.pushway.web.openapi.OpenApiProperties}). Each service adds its operations with springdoc
 * annotations and serves the document and Swagger UI on its management port.
 */
package io.pushway.web.openapi;
