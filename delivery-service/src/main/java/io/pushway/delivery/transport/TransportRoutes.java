package io.pushway.delivery.transport;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;

/** Routes of the transports: SSE stream, WebSocket and polling. */
@Configuration(proxyBeanMethods = false)
class TransportRoutes {

    @Bean
    RouterFunction<ServerResponse> streamRoutes(SseHandler sse, PollHandler poll) {
        return route(GET("/api/v1/stream"), sse::stream).andRoute(GET("/api/v1/inbox"), poll::poll);
    }

    @Bean
    HandlerMapping webSocketRoutes(WsHandler ws) {
        return new SimpleUrlHandlerMapping(Map.of("/api/v1/ws", ws), -1);
    }
}
