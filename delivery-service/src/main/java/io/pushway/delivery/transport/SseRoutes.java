package io.pushway.delivery.transport;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/** Routes of the stream transports. */
@Configuration(proxyBeanMethods = false)
class SseRoutes {

    @Bean
    RouterFunction<ServerResponse> streamRoutes(SseHandler sse) {
        return route(GET("/api/v1/stream"), sse::stream);
    }
}
