package io.pushway.delivery;

import io.pushway.testsupport.OpenApiDocumentTests;
import java.util.List;

/** The delivery service's OpenAPI document ({@code docs/openapi/delivery.yaml}), as {@link OpenApiDocumentTests} checks it. */
class OpenApiIntegrationTests extends DeliveryIntegrationTest implements OpenApiDocumentTests {

    @Override
    public String service() {
        return "delivery";
    }

    @Override
    public List<String> endpoints() {
        return List.of("POST /api/v1/messages/{id}/ack", "GET /api/v1/stream", "GET /api/v1/inbox", "GET /api/v1/ws",
                "POST /api/v1/stream/cookie", "DELETE /api/v1/stream/cookie", "GET /api/v1/status");
    }

    @Override
    public String scope() {
        return "push.subscribe";
    }
}
