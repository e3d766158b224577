package io.pushway.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pushway.testsupport.SseStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.http.codec.ServerSentEvent;

/**
 * A delivery replica sent SIGTERM (as Kubernetes or stack.sh stop it) drains: its readiness probe
 * answers {@code 503 OUT_OF_SERVICE} at once while it still serves its open streams for the drain delay,
 * then it ends them with a {@code reconnect} event and exits within its shutdown budget.
 */
class GracefulShutdownSystemTests {

    /** {@code spring.lifecycle.timeout-per-shutdown-phase} in pushway-common.yml. */
    private static final Duration SHUTDOWN_PHASE = Duration.ofSeconds(10);

    private final SystemStack stack = SystemStack.shared();

    @Test
    void aStoppingReplicaIsNotReadyWhileItStillServesThenEndsItsStreamsAndExits() throws Exception {
        SystemStack.Service replica = stack.deliveries().get(1);
        String recipient = "drain-" + UUID.randomUUID();
        Api api = new Api(stack, "drain-publisher");
        try (SseStream stream = SseStream.open(stack.keys(), replica.url("/api/v1/stream"),
                stack.token(recipient, "push.subscribe"), null).awaitConnected(Duration.ofSeconds(20))) {
            Process process = replica.process().process();
            long terminated = System.nanoTime();
            process.destroy();

            await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
                HttpResponse<String> readiness = stack.readiness(replica);
                assertThat(readiness).as("readiness probe answers while draining").isNotNull();
                assertThat(readiness.statusCode()).isEqualTo(503);
                assertThat(readiness.body()).contains("\"status\":\"OUT_OF_SERVICE\"");
            });
            assertThat(process.isAlive()).isTrue();
            System.out.printf("[drain] readiness 503 %d ms after SIGTERM%n", millisSince(terminated));

            String id = (String) Api.parse(api.publish("{\"recipients\":[\"" + recipient + "\"],\"payload\":1}").body()).get("id");
            ServerSentEvent<String> message = stream.next(SystemStack.DRAIN_DELAY);
            assertThat(message).as("a message published while draining reaches the open stream").isNotNull();
            assertThat(message.data()).contains(id);

            ServerSentEvent<String> reconnect = stream.next(SystemStack.DRAIN_DELAY.plusSeconds(5));
            assertThat(reconnect).isNotNull();
            assertThat(reconnect.event()).isEqualTo("reconnect");
            assertThat(reconnect.data()).contains("shutdown");
            assertThat(process.waitFor(SystemStack.DRAIN_DELAY.plus(SHUTDOWN_PHASE).toSeconds(), TimeUnit.SECONDS))
                    .as("exits within the drain delay plus one shutdown phase").isTrue();
            System.out.printf("[drain] reconnect sent, exit %d ms after SIGTERM%n", millisSince(terminated));
        } finally {
            stack.restart(replica);
        }
        assertThat(stack.isReady(replica)).isTrue();
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
