package io.pushway.delivery.transport;

import static org.awaitility.Awaitility.await;

import io.pushway.delivery.DeliveryIntegrationTest;
import io.pushway.model.DeliveryState;
import io.pushway.model.Envelope;
import io.pushway.testsupport.TestClients;
import io.pushway.testsupport.TestTokens;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

class PollIntegrationTests extends DeliveryIntegrationTest {

    private final String recipient = "poll-" + UUID.randomUUID();
    private final String token = TestTokens.mint(recipient, "push.subscribe");

    @Test
    void pollingPagesThroughTheInboxWithTheSameEventsAsTheStream() {
        Envelope first = send(envelope(recipient, "{\"n\":1}"));
        Envelope second = send(envelope(recipient, "{\"n\":2}"));
        await().atMost(Duration.ofSeconds(20)).until(() -> state(recipient, second.id()).state() == DeliveryState.QUEUED);

        Map<?, ?> page = poll("/api/v1/inbox?limit=1").expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        String cursor = (String) page.get("next");
        poll("/api/v1/inbox?limit=1").expectBody()
                .jsonPath("$.events[0].id").isEqualTo(state(recipient, first.id()).entryId())
                .jsonPath("$.events[0].event").isEqualTo("message")
                .jsonPath("$.events[0].data.id").isEqualTo(first.id())
                .jsonPath("$.events[0].data.payload.n").isEqualTo(1);
        poll("/api/v1/inbox?after=" + cursor).expectBody()
                .jsonPath("$.events.length()").isEqualTo(1)
                .jsonPath("$.events[0].data.id").isEqualTo(second.id())
                .jsonPath("$.next").isEqualTo(state(recipient, second.id()).entryId());
        await().atMost(Duration.ofSeconds(5)).until(() -> state(recipient, second.id()).state() == DeliveryState.DELIVERED);
        poll("/api/v1/inbox?after=" + state(recipient, second.id()).entryId()).expectBody()
                .jsonPath("$.events.length()").isEqualTo(0);
    }

    @Test
    void badCursorsAndLimitsAreProblems() {
        poll("/api/v1/inbox?after=x").expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[0].path").isEqualTo("after");
        poll("/api/v1/inbox?limit=0").expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[0].path").isEqualTo("limit");
        poll("/api/v1/inbox?limit=abc").expectStatus().isBadRequest();
        TestClients.https(port).get().uri("/api/v1/inbox").exchange().expectStatus().isUnauthorized();
    }

    private WebTestClient.ResponseSpec poll(String uri) {
        return TestClients.https(port).get().uri(uri).header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange();
    }
}
