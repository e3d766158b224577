package io.pushway.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.pushway.testsupport.RepositoryRoot;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A real WHATWG EventSource (npm {@code eventsource}, as browsers behave): token in the query string,
 * inbox and topic on one stream, cursors as event ids, and an automatic resume with
 * {@code Last-Event-ID} when a replica shuts down.
 */
class EventSourceSystemTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final SystemStack stack = SystemStack.shared();
    private final Api api = new Api(stack, "eventsource-" + UUID.randomUUID());

    @Test
    void browserEventSourceGetsInboxAndTopicAndResumesAcrossAReplicaShutdown() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(RepositoryRoot.path().resolve("system-tests/src/test/node/node_modules/eventsource")),
                "Node.js and the npm eventsource package are needed (install nodejs and npm; the build runs npm ci)");
        String run = UUID.randomUUID().toString().substring(0, 8);
        String user = "browser-" + run;
        String topic = "scores." + run;
        SystemStack.Service replica = stack.addDelivery();
        try (NodeSubscriber browser = new NodeSubscriber(replica, user, topic)) {
            browser.await("open");
            String direct = publishedId(api.publish("{\"recipients\":[\"" + user + "\"],\"payload\":{\"n\":1}}").body());
            String onTopic = publishedId(api.publish("{\"topic\":\"" + topic + "\",\"payload\":{\"goal\":1}}").body());
            List<Map<String, Object>> first;
            try {
                first = List.of(browser.await("message"), browser.await("message"));
            } catch (AssertionError e) {
                System.out.println("[eventsource] missing; status " + api.status(direct) + " / " + api.status(onTopic)
                        + " node alive=" + browser.process.isAlive());
                throw e;
            }
            assertThat(first).extracting(e -> ((String) e.get("data")).substring(7, 43))
                    .containsExactlyInAnyOrder(direct, onTopic);
            assertThat((String) first.get(1).get("lastEventId")).matches("\\d+-\\d+_\\d+-\\d+");

            stack.stop(replica);
            browser.await("reconnect");
            String whileAway = publishedId(api.publish("{\"recipients\":[\"" + user + "\"],\"payload\":{\"n\":2}}").body());
            String topicWhileAway = publishedId(api.publish("{\"topic\":\"" + topic + "\",\"payload\":{\"goal\":2}}").body());
            stack.restart(replica);
            List<Map<String, Object>> resumed = List.of(browser.await("message"), browser.await("message"));
            assertThat(resumed).extracting(e -> ((String) e.get("data")).substring(7, 43))
                    .containsExactlyInAnyOrder(whileAway, topicWhileAway);
            System.out.println("[eventsource] 2 messages live, replica shut down, 2 published while away arrived "
                    + "after the automatic resume with Last-Event-ID");
        } finally {
            stack.stop(replica);
            stack.deliveries().remove(replica);
        }
    }

    private static String publishedId(String body) {
        return (String) Api.parse(body).get("id");
    }

    /** {@code node subscribe.mjs}: one EventSource on one replica's URL; it reconnects there by itself. */
    private final class NodeSubscriber implements AutoCloseable {
        private final Process process;
        private final BlockingQueue<Map<String, Object>> events = new LinkedBlockingQueue<>();

        NodeSubscriber(SystemStack.Service replica, String user, String topic) throws Exception {
            String token = stack.token(user, "push.subscribe");
            String url = replica.url("/api/v1/stream?topics=" + topic + "&access_token=" + token);
            ProcessBuilder builder = new ProcessBuilder("node", "subscribe.mjs", url)
                    .directory(RepositoryRoot.path().resolve("system-tests/src/test/node").toFile())
                    .redirectErrorStream(true);
            builder.environment().put("NODE_EXTRA_CA_CERTS", stack.caCertificate().toString());
            process = builder.start();
            Thread reader = new Thread(() -> {
                try (var in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    in.lines().forEach(line -> events.add(line.startsWith("{") ? Api.parse(line) : Map.of("type", line)));
                } catch (Exception e) {
                    events.add(Map.of("type", "read failed: " + e));
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        Map<String, Object> await(String type) throws InterruptedException {
            List<Object> seen = new ArrayList<>();
            long deadline = System.nanoTime() + WAIT.toNanos();
            for (Map<String, Object> event; (event = events.poll(Math.max(1, deadline - System.nanoTime()),
                    TimeUnit.NANOSECONDS)) != null; ) {
                if (type.equals(event.get("type"))) {
                    return event;
                }
                seen.add(event);
            }
            throw new AssertionError("EventSource never reported " + type + "; saw " + seen);
        }

        @Override
        public void close() {
            process.destroy();
        }
    }
}
