package io.pushway.delivery.cookie;

import static org.springframework.web.reactive.function.server.RequestPredicates.DELETE;
import static org.springframework.web.reactive.function.server.RequestPredicates.POST;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/** Routes of the stream cookie, unless {@code pushway.stream-cookie.enabled=false}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "pushway.stream-cookie.enabled", matchIfMissing = true)
class CookieRoutes {

    /** Where the cookie is set and cleared; under {@link CookieProperties#PATH}, so browsers send it there too. */
    static final String ENDPOINT = CookieProperties.PATH + "/cookie";

    @Bean
    RouterFunction<ServerResponse> streamCookieRoutes(CookieHandler cookies) {
        return route(POST(ENDPOINT), cookies::set).andRoute(DELETE(ENDPOINT), cookies::clear);
    }
}
