package io.pushway.delivery.cookie;

import static org.springframework.web.reactive.function.server.RequestPredicates.DELETE;
import static org.springframework.web.reactive.function.server.RequestPredicates.POST;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import io.pushway.web.openapi.ApiDocs;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.springdoc.core.annotations.RouterOperation;
import org.springdoc.core.annotations.RouterOperations;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/** Routes of the stream cookie, unless {@code pushway.stream-cookie.enabled=false}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "pushway.stream-cookie.enabled", matchIfMissing = true)
class CookieRoutes {

    /** Where the cookie is set and cleared; under {@link CookieProperties#PATH}, so browsers send it there too. */
    static final String ENDPOINT = CookieProperties.PATH + "/cookie";

    private static final String SET = """
            Answers `Set-Cookie: <name>=<token>; Path=/api/v1/stream; Max-Age=<token lifetime>; Secure; HttpOnly; \
            SameSite=Strict`. Browsers then send it to `GET /api/v1/stream`, and only there, so \
            `new EventSource('/api/v1/stream')` needs no token in the URL. Call again with a fresh token before the \
            old one expires.""";

    @Bean
    @RouterOperations({
        @RouterOperation(path = ENDPOINT, method = RequestMethod.POST,
                operation = @Operation(operationId = "setStreamCookie", tags = "subscribe",
                        summary = "Exchange the bearer token for the stream cookie, for browsers' EventSource",
                        description = SET, security = @SecurityRequirement(name = ApiDocs.BEARER, scopes = "push.subscribe"),
                        responses = {
                            @ApiResponse(responseCode = "204", description = "The cookie is set.",
                                    headers = @Header(name = "Set-Cookie", description = "The stream cookie.")),
                            @ApiResponse(responseCode = "401", ref = ApiDocs.PROBLEM),
                            @ApiResponse(responseCode = "403", ref = ApiDocs.PROBLEM)})),
        @RouterOperation(path = ENDPOINT, method = RequestMethod.DELETE,
                operation = @Operation(operationId = "clearStreamCookie", tags = "subscribe",
                        summary = "Clear the stream cookie; needs no token, since the one in the cookie may have expired",
                        responses = @ApiResponse(responseCode = "204", description = "The cookie is cleared (Max-Age=0).",
                                headers = @Header(name = "Set-Cookie", description = "The expired stream cookie."))))})
    RouterFunction<ServerResponse> streamCookieRoutes(CookieHandler cookies) {
        return route(POST(ENDPOINT), cookies::set).andRoute(DELETE(ENDPOINT), cookies::clear);
    }
}
