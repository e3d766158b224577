package io.pushway.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.pushway.testsupport.OpenApiSpec;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

/** Every endpoint the ingest service serves is in docs/openapi/pushway.yaml. */
class OpenApiIntegrationTests extends IngestIntegrationTest {

    @Autowired
    private RequestMappingHandlerMapping mappings;

    @Test
    void everyEndpointIsDocumented() {
        Set<String> served = new TreeSet<>();
        mappings.getHandlerMethods().keySet().forEach(info -> info.getPatternsCondition().getPatterns().stream()
                .map(Object::toString).filter(path -> path.startsWith("/api/"))
                .forEach(path -> info.getMethodsCondition().getMethods()
                        .forEach(method -> served.add(method.name() + " " + path))));

        assertThat(served).containsExactlyInAnyOrder("POST /api/v1/messages", "POST /api/v1/messages/batch",
                "GET /api/v1/messages/{id}");
        assertThat(OpenApiSpec.operations()).containsAll(served);
    }
}
