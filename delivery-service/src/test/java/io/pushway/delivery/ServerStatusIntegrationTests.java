package io.pushway.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.pushway.testsupport.SseStream;
import io.pushway.testsupport.TestClients;
import io.pushway.testsupport.TestTokens;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

/** GET /api/v1/status on delivery: streams, lag and the delivery rate for push.admin. */
class ServerStatusIntegrationTests extends DeliveryIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void anyoneSeesStateAndVersionButNoDetails() {
        TestClients.https(port).get().uri("/api/v1/status").exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.version").isNotEmpty()
                .jsonPath("$.details").doesNotExist();
    }

    @Test
    void adminSeesOpenStreamsLagAndTheDeliveryRate() throws Exception {
        String recipient = "status-" + UUID.randomUUID();
        try (SseStream stream = SseStream.open("https://localhost:" + port + "/api/v1/stream",
                TestTokens.mint(recipient, "push.subscribe"), null).awaitConnected(WAIT)) {
            send(envelope(recipient, "{\"n\":1}"));
            assertThat(stream.next(WAIT)).isNotNull();

            admin().expectStatus().isOk().expectBody()
                    .jsonPath("$.status").isEqualTo("UP")
                    .jsonPath("$.details.service").isEqualTo("delivery-service")
                    .jsonPath("$.details.dependencies.redis.status").isEqualTo("UP")
                    .jsonPath("$.details.dependencies.kafka.status").isEqualTo("UP")
                    .jsonPath("$.details.activeStreams").value(n -> assertThat(((Number) n).longValue()).isPositive())
                    .jsonPath("$.details.consumerLag").isNumber()
                    .jsonPath("$.details.ratesPerSecond.delivered").value(rate ->
                            assertThat(((Number) rate).doubleValue()).isPositive());
        }
    }

    private WebTestClient.ResponseSpec admin() {
        return TestClients.https(port).get().uri("/api/v1/status")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.mint("operator", "push.admin")).exchange();
    }
}
