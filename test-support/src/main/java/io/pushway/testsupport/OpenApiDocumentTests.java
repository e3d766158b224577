package io.pushway.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The tests of a service's OpenAPI document, for its {@code OpenApiIntegrationTests} (a
 * {@code @SpringBootTest} on a random port) to implement: the document is served with Swagger UI on
 * the management port only, is equal to the committed {@code docs/openapi/<service>.yaml}, and lists
 * every endpoint the service serves. The ports and the context come from Spring's test extension.
 */
public interface OpenApiDocumentTests {

    /** The service's name in {@link OpenApiSpec#SERVICES}, e.g. {@code ingest}; its module is {@code <service>-service}. */
    String service();

    /** The endpoints the service serves, e.g. {@code POST /api/v1/messages}. */
    List<String> endpoints();

    /** A scope for the token of a caller the service authenticates. */
    String scope();

    @Test
    default void everyServedEndpointIsDocumentedAndNothingElse(ApplicationContext context) {
        assertThat(ServedEndpoints.of(context)).containsExactlyInAnyOrderElementsOf(endpoints());
        assertThat(OpenApiSpec.operations(service())).containsExactlyInAnyOrderElementsOf(ServedEndpoints.of(context));
    }

    @Test
    default void committedDocumentIsTheServedOne(@LocalManagementPort int managementPort) {
        String served = OpenApiSpec.served(managementPort);

        assertThat(served).contains("openapi: 3.1.0", "url: https://localhost:");
        OpenApiSpec.assertCommitted(service(), served, "./mvnw -B verify -pl " + service() + "-service -am -Dfuzz.enabled=false"
                + " -Dtest=OpenApiIntegrationTests -Dsurefire.failIfNoSpecifiedTests=false");
    }

    @Test
    default void swaggerUiIsServedOnTheManagementPortOnly(@LocalManagementPort int managementPort, @LocalServerPort int port) {
        assertThat(OpenApiSpec.get(managementPort, "/actuator/swagger-ui/index.html")).contains("swagger-ui");
        assertThat(OpenApiSpec.swaggerUiConfig(managementPort)).contains("/actuator/openapi");
        assertThat(OpenApiSpec.get(managementPort, "/actuator/openapi")).contains("\"openapi\":\"3.1.0\"");

        // The public port serves neither: 401 without a token, 404 with one.
        TestClients.https(port).get().uri("/v3/api-docs").exchange().expectStatus().isUnauthorized();
        String token = TestTokens.mint("reader", scope());
        TestClients.https(port).get().uri("/v3/api-docs").header("Authorization", "Bearer " + token).exchange().expectStatus().isNotFound();
        TestClients.https(port).get().uri("/swagger-ui.html").header("Authorization", "Bearer " + token).exchange().expectStatus().isNotFound();
    }
}
