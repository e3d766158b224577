package io.pushway.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.pushway.testsupport.OpenApiSpec;
import io.pushway.testsupport.ServedEndpoints;
import io.pushway.testsupport.TestClients;
import io.pushway.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.context.ApplicationContext;

/**
 * The delivery service's OpenAPI document: served with Swagger UI on the management port only, equal
 * to the committed {@code docs/openapi/delivery.yaml}, and listing every endpoint the service serves.
 */
class OpenApiIntegrationTests extends DeliveryIntegrationTest {

    private static final String REGENERATE = "./mvnw -B verify -pl delivery-service -am -Dfuzz.enabled=false"
            + " -Dtest=OpenApiIntegrationTests -Dsurefire.failIfNoSpecifiedTests=false";

    @Autowired
    private ApplicationContext context;

    @LocalManagementPort
    private int managementPort;

    @Test
    void everyServedEndpointIsDocumentedAndNothingElse() {
        assertThat(ServedEndpoints.of(context)).containsExactlyInAnyOrder("POST /api/v1/messages/{id}/ack",
                "GET /api/v1/stream", "GET /api/v1/inbox", "GET /api/v1/ws", "POST /api/v1/stream/cookie",
                "DELETE /api/v1/stream/cookie", "GET /api/v1/status");
        assertThat(OpenApiSpec.operations("delivery")).containsExactlyInAnyOrderElementsOf(ServedEndpoints.of(context));
    }

    @Test
    void committedDocumentIsTheServedOne() {
        String served = OpenApiSpec.served(managementPort);

        assertThat(served).contains("openapi: 3.1.0", "url: https://localhost:");
        OpenApiSpec.assertCommitted("delivery", served, REGENERATE);
    }

    @Test
    void swaggerUiIsServedOnTheManagementPortOnly() {
        assertThat(OpenApiSpec.get(managementPort, "/actuator/swagger-ui/index.html")).contains("swagger-ui");
        assertThat(OpenApiSpec.swaggerUiConfig(managementPort)).contains("/actuator/openapi");
        assertThat(OpenApiSpec.get(managementPort, "/actuator/openapi")).contains("\"openapi\":\"3.1.0\"");

        // The public port serves neither: 401 without a token, 404 with one.
        TestClients.https(port).get().uri("/v3/api-docs").exchange().expectStatus().isUnauthorized();
        String token = TestTokens.mint("reader", "push.subscribe");
        TestClients.https(port).get().uri("/v3/api-docs").header("Authorization", "Bearer " + token).exchange().expectStatus().isNotFound();
        TestClients.https(port).get().uri("/swagger-ui.html").header("Authorization", "Bearer " + token).exchange().expectStatus().isNotFound();
    }
}
