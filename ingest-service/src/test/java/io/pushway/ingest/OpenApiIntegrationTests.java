package io.pushway.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.pushway.testsupport.OpenApiSpec;
import io.pushway.testsupport.ServedEndpoints;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** Every endpoint the ingest service serves is in docs/openapi/pushway.yaml. */
class OpenApiIntegrationTests extends IngestIntegrationTest {

    @Autowired
    private ApplicationContext context;

    @Test
    void everyEndpointIsDocumented() {
        assertThat(ServedEndpoints.of(context)).containsExactlyInAnyOrder("POST /api/v1/messages",
                "POST /api/v1/messages/batch", "GET /api/v1/messages/{id}", "GET /api/v1/status");
        assertThat(OpenApiSpec.operations()).containsAll(ServedEndpoints.of(context));
    }
}
