package io.pushway.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.pushway.testsupport.OpenApiSpec;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

/** Every endpoint the delivery service serves (annotated, functional, WebSocket) is in docs/openapi/pushway.yaml. */
class OpenApiIntegrationTests extends DeliveryIntegrationTest {

    @Autowired
    private RequestMappingHandlerMapping mappings;

    @Autowired
    private List<RouterFunction<ServerResponse>> routes;

    @Autowired
    private List<SimpleUrlHandlerMapping> urlMappings;

    @Test
    void everyEndpointIsDocumented() {
        Set<String> served = new TreeSet<>();
        mappings.getHandlerMethods().keySet().forEach(info -> info.getPatternsCondition().getPatterns().stream()
                .map(Object::toString).filter(path -> path.startsWith("/api/"))
                .forEach(path -> info.getMethodsCondition().getMethods()
                        .forEach(method -> served.add(method.name() + " " + path))));
        routes.forEach(route -> served.addAll(FunctionalRoutes.of(route)));
        urlMappings.forEach(mapping -> mapping.getUrlMap().keySet().stream().filter(path -> path.startsWith("/api/"))
                .forEach(path -> served.add("GET " + path)));

        assertThat(served).containsExactlyInAnyOrder("POST /api/v1/messages/{id}/ack", "GET /api/v1/stream",
                "GET /api/v1/inbox", "GET /api/v1/ws");
        assertThat(OpenApiSpec.operations()).containsAll(served);
    }
}
