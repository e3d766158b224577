package io.pushway.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pushway.testsupport.SseStream;
import io.pushway.testsupport.TestClients;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * The stack behind HAProxy ({@code deploy/haproxy/haproxy.cfg}): one HTTPS front door routes publishing
 * and status to ingest, streams and acks to delivery, streams events without buffering, drains a
 * stopping replica (its subscribers resume elsewhere and lose nothing), takes it back when it is ready,
 * and passes the client's own address to the services.
 */
class LoadBalancerSystemTests {

    private final SystemStack stack = SystemStack.shared();
    private final LoadBalancer lb = stack.loadBalancer();
    private final Api api = new Api(stack, "lb-publisher", lb.url(""));
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final List<AutoCloseable> clients = new ArrayList<>();

    @AfterEach
    void closeClients() throws Exception {
        for (AutoCloseable client : clients) {
            client.close();
        }
    }

    @Test
    void publishStatusStreamAndAckGoThroughOneFrontDoorAndEventsArriveAtOnce() throws Exception {
        String recipient = "lb-sse-" + run;
        String token = stack.token(recipient, "push.subscribe");
        SseStream stream = open(recipient);
        String id = null;
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> published = api.publish("{\"recipients\":[\"" + recipient + "\"],\"payload\":" + i + "}");
            long accepted = System.nanoTime();
            assertThat(published.statusCode()).isEqualTo(202);
            assertThat(published.version()).as("HTTP/2 by ALPN at the front door").isEqualTo(HttpClient.Version.HTTP_2);
            id = (String) Api.parse(published.body()).get("id");
            ServerSentEvent<String> event = stream.next(Duration.ofSeconds(1));
            assertThat(event).as("event within 1 s of the publish: HAProxy does not buffer the stream").isNotNull();
            assertThat(event.data()).contains(id);
            System.out.printf("[lb] event %d arrived %d ms after 202%n", i, (System.nanoTime() - accepted) / 1_000_000);
        }
        assertThat(api.send("POST", lb.url("/api/v1/messages/" + id + "/ack"), token, "").statusCode()).isEqualTo(204);
        String acknowledged = id;
        await().atMost(Duration.ofSeconds(10)).until(() -> "ACKNOWLEDGED".equals(api.status(acknowledged).get("state")));
    }

    @Test
    void webSocketThroughTheFrontDoorGetsEvents() throws Exception {
        String recipient = "lb-ws-" + run;
        LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
        WebSocket socket = stack.https().newWebSocketBuilder().header("Authorization", "Bearer " + stack.token(recipient, "push.subscribe"))
                .buildAsync(URI.create(lb.url("/api/v1/ws").replace("https:", "wss:")), new WebSocket.Listener() {
                    @Override
                    public CompletableFuture<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        frames.add(data.toString());
                        webSocket.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        clients.add(() -> socket.abort());
        assertThat(frames.poll(10, TimeUnit.SECONDS)).as("subscribed frame").contains("subscribed");
        String id = (String) Api.parse(api.publish("{\"recipients\":[\"" + recipient + "\"],\"payload\":1}").body()).get("id");
        assertThat(frames.poll(5, TimeUnit.SECONDS)).contains("\"event\":\"message\"").contains(id);
    }

    @Test
    void aDeliveryReplicaStoppedBehindTheFrontDoorIsDrainedLosesNothingAndServesAgainAfterRestart() throws Exception {
        SystemStack.Service victim = stack.deliveries().get(0);
        Map<ResumingSubscriber, List<String>> expected = new LinkedHashMap<>();
        for (int i = 0; i < 10; i++) {
            ResumingSubscriber subscriber = new ResumingSubscriber("lb-stop-" + run + "-" + i, stack, List.of(lb.url("/api/v1/stream")));
            clients.add(subscriber);
            expected.put(subscriber, new ArrayList<>());
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> expected.keySet().stream().allMatch(ResumingSubscriber::isConnected));
        assertThat(Long.parseLong(lb.server("delivery-1").get("stot"))).as("leastconn spreads streams").isPositive();
        int attempted = publishRounds(expected, 10);
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> stack.stop(victim));
        try {
            await().atMost(SystemStack.DRAIN_DELAY).pollInterval(Duration.ofMillis(50))
                    .until(() -> lb.server("delivery-1").get("status").startsWith("DOWN"));
            assertThat(victim.process().isAlive()).as("marked down while the replica still drains").isTrue();
            attempted += publishRounds(expected, 20);
            stopping.join();
            open("lb-fresh-" + run);
            attempted += publishRounds(expected, 10);
            await().atMost(Duration.ofSeconds(60)).until(() -> Tally.complete(expected));
            Tally.check("lb: replica stopped", attempted, expected);
            assertThat(expected.keySet()).allSatisfy(s -> assertThat(s.received()).as("exactly once").doesNotHaveDuplicates());
        } finally {
            stopping.join();
            stack.restart(victim);
        }
        lb.awaitStatus(List.of("delivery-1"), "UP", Duration.ofSeconds(10));
        long before = Long.parseLong(lb.server("delivery-1").get("stot"));
        for (int i = 0; i < 3; i++) {
            open("lb-back-" + run + "-" + i);
        }
        assertThat(Long.parseLong(lb.server("delivery-1").get("stot"))).as("new streams go to the restarted replica")
                .isGreaterThan(before);
    }

    @Test
    void servicesSeeTheAddressTheFrontDoorSawNotAForgedHeader() {
        String viaLb = UUID.randomUUID().toString();
        String direct = UUID.randomUUID().toString();
        assertThat(getFrom127002(lb.url("/api/v1/messages/" + viaLb))).isBetween(400, 499);
        assertThat(getFrom127002(stack.ingest().url("/api/v1/messages/" + direct))).isBetween(400, 499);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(accessLog(viaLb)).as("through HAProxy: the client's address").startsWith("127.0.0.2 ");
            assertThat(accessLog(direct)).as("directly, from an untrusted address: the header is ignored").startsWith("127.0.0.2 ");
        });
    }

    /** A status read from source address 127.0.0.2 with a forged {@code X-Forwarded-For}; returns the HTTP status. */
    private Integer getFrom127002(String url) {
        WebClient client = WebClient.builder().clientConnector(new ReactorClientHttpConnector(TestClients.httpClient(stack.keys())
                .bindAddress(() -> new InetSocketAddress("127.0.0.2", 0)))).build();
        return client.get().uri(url).header("Authorization", "Bearer " + stack.token("lb-publisher", "push.status"))
                .header("X-Forwarded-For", "203.0.113.9").exchangeToMono(response -> Mono.just(response.statusCode().value()))
                .block(Duration.ofSeconds(10));
    }

    /** The ingest access log message of the request for message {@code id}. */
    private String accessLog(String id) throws IOException {
        return Files.readAllLines(stack.ingest().process().log()).stream().filter(line -> line.startsWith("{") && line.contains(id))
                .map(line -> (String) JsonParserFactory.getJsonParser().parseMap(line).get("message"))
                .filter(message -> message.contains("\"GET /api/v1/messages/" + id + "\"")).findFirst().orElse("");
    }

    private SseStream open(String recipient) throws InterruptedException {
        SseStream stream = SseStream.open(stack.keys(), lb.url("/api/v1/stream"), stack.token(recipient, "push.subscribe"), null);
        clients.add(stream);
        return stream.awaitConnected(Duration.ofSeconds(20));
    }

    /** Publishes {@code rounds} batches through the front door, one message per subscriber each; returns the attempts. */
    private int publishRounds(Map<ResumingSubscriber, List<String>> expected, int rounds) {
        List<ResumingSubscriber> targets = new ArrayList<>(expected.keySet());
        for (int round = 0; round < rounds; round++) {
            List<String> ids = api.publishBatch(targets.stream().map(ResumingSubscriber::name).toList(), "{\"round\":" + round + "}");
            for (int i = 0; i < targets.size(); i++) {
                if (ids.get(i) != null) {
                    expected.get(targets.get(i)).add(ids.get(i));
                }
            }
            SystemStack.sleep(Duration.ofMillis(50));
        }
        return rounds * targets.size();
    }
}
