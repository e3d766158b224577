package io.pushway.delivery.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pushway.delivery.DeliveryIntegrationTest;
import io.pushway.model.DeliveryState;
import io.pushway.model.Envelope;
import io.pushway.testsupport.TestClients;
import io.pushway.testsupport.TestTokens;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import reactor.core.Disposable;
import reactor.core.publisher.Sinks;

class WebSocketIntegrationTests extends DeliveryIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final String recipient = "ws-" + UUID.randomUUID();
    private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private final Sinks.Many<String> outgoing = Sinks.many().unicast().onBackpressureBuffer();

    @Test
    void messagesArriveAsJsonFramesAndAckFramesAcknowledge() throws Exception {
        Envelope offline = send(envelope(recipient, "{\"n\":1}"));
        await().atMost(WAIT).until(() -> state(recipient, offline.id()).state() == DeliveryState.QUEUED);
        Disposable connection = connect("/api/v1/ws", TestTokens.mint(recipient, "push.subscribe"));
        try {
            assertThat(frames.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).matches("\\{\"id\":\"\\d+-\\d+\",\"event\":\"subscribed\"}");
            String first = frames.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(first).isEqualTo("{\"id\":\"" + state(recipient, offline.id()).entryId()
                    + "\",\"event\":\"message\",\"data\":{\"id\":\"" + offline.id() + "\",\"payload\":{\"n\":1},\"createdAt\":\""
                    + offline.createdAt() + "\"}}");
            Envelope live = send(envelope(recipient, "{\"n\":2}"));
            assertThat(frames.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).contains(live.id());

            outgoing.tryEmitNext("{\"ack\":\"" + offline.id() + "\"}");
            assertThat(frames.poll(WAIT.toSeconds(), TimeUnit.SECONDS))
                    .isEqualTo("{\"event\":\"ack\",\"data\":{\"id\":\"" + offline.id() + "\",\"result\":\"ACKNOWLEDGED\"}}");
            assertThat(state(recipient, offline.id()).state()).isEqualTo(DeliveryState.ACKNOWLEDGED);

            outgoing.tryEmitNext("{\"ack\":\"" + io.pushway.model.MessageIds.next() + "\"}");
            assertThat(frames.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).contains("\"result\":\"NOT_FOUND\"");
            outgoing.tryEmitNext("data: not json");
            assertThat(frames.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).startsWith("{\"event\":\"error\"");
        } finally {
            connection.dispose();
        }
    }

    @Test
    void handshakeNeedsTheSubscribeScope() {
        TestClients.https(port).get().uri("/api/v1/ws").header(HttpHeaders.UPGRADE, "websocket")
                .header(HttpHeaders.CONNECTION, "Upgrade").exchange().expectStatus().isUnauthorized();
        TestClients.https(port).get().uri("/api/v1/ws")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.mint(recipient, "push.publish"))
                .exchange().expectStatus().isForbidden();
    }

    private Disposable connect(String path, String token) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        ReactorNettyWebSocketClient client = new ReactorNettyWebSocketClient(TestClients.httpClient());
        return client.execute(URI.create("wss://localhost:" + port + path), headers, session -> session
                        .send(outgoing.asFlux().map(session::textMessage))
                        .and(session.receive().map(WebSocketMessage::getPayloadAsText).doOnNext(frames::add)))
                .subscribe();
    }

}
