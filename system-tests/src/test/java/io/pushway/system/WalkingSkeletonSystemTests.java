package io.pushway.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pushway.testsupport.SseStream;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.http.codec.ServerSentEvent;

/**
 * The first complete path, driven as a user would: publish over HTTPS, receive over SSE on either
 * delivery replica (a Java client and {@code curl -N}), read the status.
 */
class WalkingSkeletonSystemTests {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final SystemStack stack = SystemStack.shared();
    private final String publisher = stack.token("backend-" + UUID.randomUUID(), "push.publish", "push.status");

    @Test
    void messageReachesSubscribersOnBothReplicasAndReadsDelivered() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> recipients = new ArrayList<>();
        List<SseStream> streams = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String recipient = "user-" + run + "-" + i;
            recipients.add(recipient);
            SystemStack.Service replica = stack.deliveries().get(i % 2);
            streams.add(SseStream.open(stack.keys(), replica.url("/api/v1/stream"), stack.token(recipient, "push.subscribe"), null)
                    .awaitConnected(WAIT));
        }
        String curlUser = "curl-" + run;
        try (CurlStream curl = new CurlStream(stack.deliveries().get(1).url("/api/v1/stream"),
                stack.token(curlUser, "push.subscribe"))) {
            recipients.add(curlUser);
            curl.awaitLine(":subscribed", WAIT);

            long sent = System.nanoTime();
            HttpResponse<String> published = publish(publisher, "{\"recipients\":" + json(recipients)
                    + ",\"payload\":{\"text\":\"hello\"}}");

            assertThat(published.statusCode()).isEqualTo(202);
            String id = (String) parse(published.body()).get("id");
            assertThat(published.headers().firstValue("Location")).hasValue(stack.ingest().url("/api/v1/messages/" + id));
            for (SseStream stream : streams) {
                ServerSentEvent<String> event = stream.next(WAIT);
                assertThat(event).isNotNull();
                assertThat(event.event()).isEqualTo("message");
                assertThat(event.data()).contains("\"id\":\"" + id + "\"", "\"payload\":{\"text\":\"hello\"}");
            }
            System.out.printf("publish -> last of 10 SSE subscribers: %d ms%n", (System.nanoTime() - sent) / 1_000_000);
            for (int round = 0; round < 5; round++) {
                long again = System.nanoTime();
                assertThat(publish(publisher, "{\"recipients\":" + json(recipients.subList(0, 10))
                        + ",\"payload\":{\"round\":" + round + "}}").statusCode()).isEqualTo(202);
                long accepted = System.nanoTime();
                for (SseStream stream : streams) {
                    assertThat(stream.next(WAIT).data()).contains("\"round\":" + round);
                }
                System.out.printf("round %d: publish accepted in %d ms, last of 10 subscribers after %d ms%n", round,
                        (accepted - again) / 1_000_000, (System.nanoTime() - again) / 1_000_000);
            }
            curl.awaitLine("data:{\"id\":\"" + id + "\"", WAIT);

            await().atMost(WAIT).untilAsserted(() -> {
                Map<String, Object> status = parse(status(publisher, id).body());
                assertThat(status.get("state")).isEqualTo("DELIVERED");
                assertThat(status.get("counts")).isEqualTo(Map.of("DELIVERED", 11));
            });
        } finally {
            streams.forEach(SseStream::close);
        }
    }

    @Test
    void missingWrongOrInsufficientTokensAreRejected() throws Exception {
        String body = "{\"recipients\":[\"a\"],\"payload\":1}";
        HttpResponse<String> anonymous = send(HttpRequest.newBuilder(URI.create(stack.ingest().url("/api/v1/messages")))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(publish(stack.token("reader", "push.subscribe"), body).statusCode()).isEqualTo(403);
        assertThat(publish("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.", body).statusCode()).isEqualTo(401);

        HttpResponse<String> streamWithoutToken = send(HttpRequest.newBuilder(
                URI.create(stack.deliveries().get(0).url("/api/v1/stream"))).GET().build());
        assertThat(streamWithoutToken.statusCode()).isEqualTo(401);
        HttpResponse<String> streamWithPublishScope = send(HttpRequest.newBuilder(
                URI.create(stack.deliveries().get(1).url("/api/v1/stream")))
                .header("Authorization", "Bearer " + publisher).GET().build());
        assertThat(streamWithPublishScope.statusCode()).isEqualTo(403);
    }

    @Test
    void badBodiesGetProblemDetailsAndPublishNothing() throws Exception {
        Map<String, String> cases = Map.of(
                "{\"recipients\":[\"a b\"],\"payload\":1}", "recipients[0]",
                "{\"recipients\":[\"a\"],\"payload\":1,\"ttlSeconds\":-5}", "ttlSeconds",
                "{\"recipients\":[\"a\"],\"payload\":1,\"unknown\":1}", "unknown",
                "{\"recipients\":[\"a\"]}", "payload");
        for (var c : cases.entrySet()) {
            HttpResponse<String> response = publish(publisher, c.getKey());
            assertThat(response.statusCode()).as(c.getKey()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(response.body()).contains("\"path\":\"" + c.getValue() + "\"");
        }
        HttpResponse<String> truncated = publish(publisher, "{\"recipients\":[\"a\"");
        assertThat(truncated.statusCode()).isEqualTo(400);
        assertThat(truncated.body()).contains("malformed-json");
    }

    private HttpResponse<String> publish(String token, String body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(stack.ingest().url("/api/v1/messages")))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private HttpResponse<String> status(String token, String id) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(stack.ingest().url("/api/v1/messages/" + id)))
                .header("Authorization", "Bearer " + token).GET().build());
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return stack.https().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, Object> parse(String json) {
        return JsonParserFactory.getJsonParser().parseMap(json);
    }

    private static String json(List<String> ids) {
        return "[\"" + String.join("\",\"", ids) + "\"]";
    }

    /** {@code curl -N} on a stream, its output lines collected for assertions. */
    private final class CurlStream implements AutoCloseable {
        private final Process process;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

        CurlStream(String url, String token) throws Exception {
            process = new ProcessBuilder("curl", "-sSN", "--cacert", stack.caCertificate().toString(),
                    "-H", "Authorization: Bearer " + token, url).redirectErrorStream(true).start();
            Thread reader = new Thread(() -> {
                try (var in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    in.lines().forEach(lines::add);
                } catch (Exception e) {
                    lines.add("read failed: " + e);
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        void awaitLine(String prefix, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            List<String> seen = new ArrayList<>();
            for (String line; (line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) != null; ) {
                if (line.startsWith(prefix)) {
                    return;
                }
                seen.add(line);
            }
            throw new AssertionError("curl never printed a line starting with " + prefix + "; saw " + seen);
        }

        @Override
        public void close() {
            process.destroy();
        }
    }
}
