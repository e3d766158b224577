package io.pushway.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.json.JsonParserFactory;

/**
 * One trace id from the publish request to the delivery log line: a publish sent with a W3C
 * {@code traceparent} is logged by ingest (access log and accepted message) and, on whichever delivery
 * replica consumed its record, by the intake, every line in the caller's trace ({@code trace.id}) and
 * the message lines naming the message ({@code messageId}). Delivery's access log is in the caller's
 * trace too.
 */
class TracingSystemTests {

    private final SystemStack stack = SystemStack.shared();

    @Test
    void thePublishersTraceIdReachesTheDeliveryLogLineOfTheMessage() throws Exception {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String recipient = "traced-" + UUID.randomUUID();
        HttpRequest publish = HttpRequest.newBuilder(URI.create(stack.ingest().url("/api/v1/messages")))
                .header("Authorization", "Bearer " + stack.token("tracing-publisher", "push.publish"))
                .header("Content-Type", "application/json")
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .POST(HttpRequest.BodyPublishers.ofString("{\"recipients\":[\"" + recipient + "\"],\"payload\":1}"))
                .build();

        HttpResponse<String> accepted = stack.https().send(publish, HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).isEqualTo(202);
        String id = (String) Api.parse(accepted.body()).get("id");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(LogsSystemTests.lines(stack.ingest())).map(line -> JsonParserFactory.getJsonParser().parseMap(line))
                    .anySatisfy(line -> {
                        assertThat(line).containsEntry("trace.id", traceId);
                        assertThat((String) line.get("message")).contains("\"POST /api/v1/messages\" 202 ");
                    });
            assertThat(linesAbout(id, List.of(stack.ingest()))).anySatisfy(line -> {
                assertThat(line).containsEntry("trace.id", traceId);
                assertThat((String) line.get("message")).startsWith("Accepted message " + id);
            });
            assertThat(linesAbout(id, stack.deliveries())).anySatisfy(line -> {
                assertThat(line).containsEntry("trace.id", traceId);
                assertThat((String) line.get("message")).startsWith("Message " + id + " queued in the inbox of " + recipient);
            });
        });
    }

    @Test
    void aDeliveryRequestIsLoggedInTheCallersTrace() throws Exception {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        SystemStack.Service delivery = stack.deliveries().get(0);
        HttpRequest poll = HttpRequest.newBuilder(URI.create(delivery.url("/api/v1/inbox")))
                .header("Authorization", "Bearer " + stack.token("traced-" + UUID.randomUUID(), "push.subscribe"))
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .GET().build();

        assertThat(stack.https().send(poll, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(LogsSystemTests.lines(delivery))
                .map(line -> JsonParserFactory.getJsonParser().parseMap(line))
                .anySatisfy(line -> {
                    assertThat(line).containsEntry("trace.id", traceId);
                    assertThat((String) line.get("message")).contains("\"GET /api/v1/inbox\" 200 ");
                }));
    }

    /** The JSON log lines of {@code services} whose logging context names message {@code id}. */
    private static List<Map<String, Object>> linesAbout(String id, List<SystemStack.Service> services) {
        return services.stream().flatMap(service -> LogsSystemTests.lines(service).stream())
                .map(line -> JsonParserFactory.getJsonParser().parseMap(line))
                .filter(line -> id.equals(line.get("messageId")))
                .toList();
    }
}
