package io.pushway.delivery.transport;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/** Routes of the transports: SSE stream and polling. */
@Configuration(proxyBeanMethods = false)
class SseRoutes {

    @Bean
    RouterFunction<ServerResponse> streamRoutes(SseHandler sse, PollHandler poll) {
        return route(GET("/api/v1/stream"), sse::stream).andRoute(GET("/api/v1/inbox"), poll::poll);
    }
}
