package io.pushway.delivery.transport;

import static org.awaitility.Awaitility.await;

import io.pushway.delivery.DeliveryIntegrationTest;
import io.pushway.testsupport.SseStream;
import io.pushway.testsupport.TestClients;
import io.pushway.testsupport.TestTokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.TestPropertySource;

/** A replica that holds its maximum of streams refuses the next one with 503 instead of running out of heap. */
@TestPropertySource(properties = "pushway.session.max-streams=" + FullReplicaIntegrationTests.MAX)
class FullReplicaIntegrationTests extends DeliveryIntegrationTest {

    static final int MAX = 2;
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void aFullReplicaAnswers503OverloadedWithRetryAfterAndTakesStreamsAgainOnceOneCloses() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String url = "https://localhost:" + port + "/api/v1/stream";
        List<SseStream> streams = new ArrayList<>();
        try {
            for (int i = 0; i < MAX; i++) {
                streams.add(SseStream.open(url, TestTokens.mint("full-" + run + "-" + i, "push.subscribe"), null)
                        .awaitConnected(WAIT));
            }
            String another = TestTokens.mint("full-" + run + "-x", "push.subscribe");
            TestClients.https(port).get().uri("/api/v1/stream").header(HttpHeaders.AUTHORIZATION, "Bearer " + another)
                    .exchange().expectStatus().isEqualTo(503)
                    .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "1")
                    .expectBody().jsonPath("$.type").isEqualTo("https://pushway.io/problems/overloaded");

            streams.remove(0).close();
            // The replica notices the closed stream shortly after the client closed it.
            await().atMost(WAIT).until(() -> {
                try (SseStream admitted = SseStream.open(url, another, null)) {
                    admitted.awaitConnected(Duration.ofSeconds(2));
                    return true;
                } catch (AssertionError e) {
                    return false;
                }
            });
        } finally {
            streams.forEach(SseStream::close);
        }
    }
}
