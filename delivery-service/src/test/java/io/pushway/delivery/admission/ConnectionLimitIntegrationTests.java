package io.pushway.delivery.admission;

import static org.assertj.core.api.Assertions.assertThat;

import io.pushway.delivery.DeliveryIntegrationTest;
import io.pushway.testsupport.TestClients;
import io.pushway.testsupport.TestTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Connection attempts are limited per client address, before authentication; other addresses are
 * not affected. (Its own context, with a tiny budget and forwarded addresses trusted, so each test
 * can act as a fresh address; its Kafka listener stays off so it takes no partitions from the
 * shared context.)
 */
@TestPropertySource(properties = {"pushway.connection-limit.burst=5", "pushway.connection-limit.per-second=0.01",
        "server.forward-headers-strategy=framework", "spring.kafka.listener.auto-startup=false"})
class ConnectionLimitIntegrationTests extends DeliveryIntegrationTest {

    @Test
    void anAddressPastItsBurstIsToldToWaitWhateverItsToken() {
        WebTestClient http = TestClients.https(port);
        String address = randomAddress();
        String token = TestTokens.mint("limited-user", "push.subscribe");

        List<Integer> statuses = new ArrayList<>();
        EntityExchangeResult<String> last = null;
        for (int i = 0; i < 6; i++) {
            // Unauthenticated and authenticated attempts count alike.
            String bearer = i % 2 == 0 ? null : token;
            last = http.get().uri("/api/v1/inbox").headers(h -> {
                h.set("X-Forwarded-For", address);
                if (bearer != null) {
                    h.setBearerAuth(bearer);
                }
            }).exchange().expectBody(String.class).returnResult();
            statuses.add(last.getStatus().value());
        }

        assertThat(statuses).containsExactly(401, 200, 401, 200, 401, 429);
        assertThat(last.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).matches("[1-9]\\d*");
        assertThat(last.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(last.getResponseBody()).contains("https://pushway.io/problems/rate-limited");

        http.get().uri("/api/v1/inbox").headers(h -> {
            h.set("X-Forwarded-For", randomAddress());
            h.setBearerAuth(token);
        }).exchange().expectStatus().isOk();
    }

    private static String randomAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255) + ", 192.0.2.1";
    }
}
