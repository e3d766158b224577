package io.pushway.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.pushway.testsupport.OpenApiSpec;
import io.pushway.testsupport.ServedEndpoints;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** Every endpoint the delivery service serves (annotated, functional, WebSocket) is in docs/openapi/pushway.yaml. */
class OpenApiIntegrationTests extends DeliveryIntegrationTest {

    @Autowired
    private ApplicationContext context;

    @Test
    void everyEndpointIsDocumented() {
        assertThat(ServedEndpoints.of(context)).containsExactlyInAnyOrder("POST /api/v1/messages/{id}/ack",
                "GET /api/v1/stream", "GET /api/v1/inbox", "GET /api/v1/ws", "POST /api/v1/stream/cookie",
                "DELETE /api/v1/stream/cookie", "GET /api/v1/status");
        assertThat(OpenApiSpec.operations()).containsAll(ServedEndpoints.of(context));
    }
}
