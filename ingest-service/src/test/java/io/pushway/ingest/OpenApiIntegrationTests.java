package io.pushway.ingest;

import io.pushway.testsupport.OpenApiDocumentTests;
import java.util.List;

/** The ingest service's OpenAPI document ({@code docs/openapi/ingest.yaml}), as {@link OpenApiDocumentTests} checks it. */
class OpenApiIntegrationTests extends IngestIntegrationTest implements OpenApiDocumentTests {

    @Override
    public String service() {
        return "ingest";
    }

    @Override
    public List<String> endpoints() {
        return List.of("POST /api/v1/messages", "POST /api/v1/messages/batch", "GET /api/v1/messages/{id}",
                "GET /api/v1/status");
    }

    @Override
    public String scope() {
        return "push.status";
    }
}
