package io.pushway.delivery.transport;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RequestPredicates.path;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import java.util.Map;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.server.MethodNotAllowedException;
import reactor.core.publisher.Mono;

/** Routes of the transports: SSE stream, WebSocket and polling. */
@Configuration(proxyBeanMethods = false)
class TransportRoutes {

    @Bean
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
}
