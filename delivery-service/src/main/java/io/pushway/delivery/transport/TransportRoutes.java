package io.pushway.delivery.transport;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RequestPredicates.path;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import io.pushway.web.openapi.ApiDocs;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.util.Map;
import java.util.Set;
import org.springdoc.core.annotations.RouterOperation;
import org.springdoc.core.annotations.RouterOperations;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.server.MethodNotAllowedException;
import reactor.core.publisher.Mono;

/** Routes of the transports: SSE stream, WebSocket and polling; their OpenAPI description. */
@Configuration(proxyBeanMethods = false)
class TransportRoutes {

    @Bean
    @RouterOperations({
        @RouterOperation(path = "/api/v1/stream", method = RequestMethod.GET,
                operation = @Operation(operationId = "stream", tags = "subscribe",
                        summary = "Server-Sent Events of the caller's inbox and topics", description = TransportDocs.STREAM,
                        security = {@SecurityRequirement(name = ApiDocs.BEARER, scopes = "push.subscribe"),
                            @SecurityRequirement(name = ApiDocs.QUERY_TOKEN, scopes = "push.subscribe"),
                            @SecurityRequirement(name = ApiDocs.STREAM_COOKIE, scopes = "push.subscribe")},
                        parameters = {
                            @Parameter(name = "topics", in = ParameterIn.QUERY, description = TransportDocs.TOPICS,
                                    schema = @Schema(type = "string")),
                            @Parameter(name = "Last-Event-ID", in = ParameterIn.HEADER, description = "The cursor to resume after.",
                                    schema = @Schema(type = "string")),
                            @Parameter(name = "lastEventId", in = ParameterIn.QUERY,
                                    description = "The cursor to resume after, for clients that cannot set headers.",
                                    schema = @Schema(type = "string"))},
                        responses = {
                            @ApiResponse(responseCode = "200", description = "The stream, until the client or the server ends it.",
                                    content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE, schema = @Schema(type = "string"),
                                            examples = @ExampleObject(name = "message", description = "The first message after connecting.",
                                                    value = TransportDocs.STREAM_EXAMPLE))),
                            @ApiResponse(responseCode = "400", ref = ApiDocs.PROBLEM),
                            @ApiResponse(responseCode = "401", ref = ApiDocs.PROBLEM),
                            @ApiResponse(responseCode = "403", ref = ApiDocs.PROBLEM),
                            @ApiResponse(responseCode = "429", ref = ApiDocs.PROBLEM),
                            @ApiResponse(responseCode = "503", ref = ApiDocs.RETRY_LATER)})),
        @RouterOperation(path = "/api/v1/inbox", method = RequestMethod.GET,
                operation = @Operation(operationId = "poll", tags = "subscribe",
                        summary = "Poll the inbox and topics", description = TransportDocs.POLL,
                        security = {@SecurityRequirement(name = ApiDocs.BEARER, scopes = "push.subscribe"),
                            @SecurityRequirement(name = ApiDocs.QUERY_TOKEN, scopes = "push.subscribe")},
                        parameters = {
                            @Parameter(name = "topics", in = ParameterIn.QUERY, description = TransportDocs.TOPICS,
                                    schema = @Schema(type = "string")),
                            @Parameter(name = "after", in = ParameterIn.QUERY, description = "The previous answer's `next`.",
                                    schema = @Schema(type = "string")),
                            @Parameter(name = "limit", in = ParameterIn.QUERY, description = "Most events per feed.",
                                    schema = @Schema(type = "integer", minimum = "1", maximum = "" + PollHandler.MAX_LIMIT,
                                            defaultValue = "" + PollHandler.MAX_LIMIT))},
                        responses = {
                            @ApiResponse(responseCode = "200", description = "The events after the cursor, and the next cursor.",
                                    content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                                            schema = @Schema(implementation = PollHandler.Polled.class))),
                            @ApiResponse(responseCode = "400", ref = ApiDocs.PROBLEM),
                            @ApiResponse(responseCode = "401", ref = ApiDocs.PROBLEM),
                            @ApiResponse(responseCode = "403", ref = ApiDocs.PROBLEM),
                            @ApiResponse(responseCode = "429", ref = ApiDocs.RETRY_LATER),
                            @ApiResponse(responseCode = "503", ref = ApiDocs.RETRY_LATER)}))})
    RouterFunction<ServerResponse> streamRoutes(SseHandler sse, PollHandler poll) {
        return route(GET("/api/v1/stream"), sse::stream).andRoute(GET("/api/v1/inbox"), poll::poll)
                .andRoute(path("/api/v1/stream").or(path("/api/v1/inbox")), TransportRoutes::getOnly);
    }

    /** Another method on a GET-only route: 405 with {@code Allow: GET}, as annotated endpoints answer. */
    private static Mono<ServerResponse> getOnly(ServerRequest request) {
        return Mono.error(new MethodNotAllowedException(request.method(), Set.of(HttpMethod.GET)));
    }

    @Bean
    HandlerMapping webSocketRoutes(WsHandler ws) {
        return new SimpleUrlHandlerMapping(Map.of("/api/v1/ws", ws), -1);
    }

    /** The event schemas and the WebSocket endpoint, which springdoc cannot see. */
    @Bean
    OpenApiCustomizer transportDocs() {
        return TransportDocs::describe;
    }
}
