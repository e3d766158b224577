package io.pushway.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pushway.testsupport.SseStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.json.JsonParserFactory;

/**
 * The services log one JSON object per line (ECS) outside the local profile, the access log among
 * them, and a token sent as {@code access_token} appears in no line.
 */
class LogsSystemTests {

    private final SystemStack stack = SystemStack.shared();

    @Test
    void logsAreJsonLinesAndTheAccessLogScrubsQueryTokens() throws Exception {
        SystemStack.Service delivery = stack.deliveries().get(0);
        String token = stack.token("logged-" + UUID.randomUUID(), "push.subscribe");
        try (SseStream stream = SseStream.open(stack.keys(), delivery.url("/api/v1/stream?access_token=" + token), null, null)
                .awaitConnected(Duration.ofSeconds(20))) {
            assertThat(stream.comments()).isPositive();
        }

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(lines(delivery)).anySatisfy(line -> {
            Map<String, Object> json = JsonParserFactory.getJsonParser().parseMap(line);
            assertThat(json).containsEntry("log", Map.of("level", "INFO", "logger", "io.pushway.access"));
            assertThat((String) json.get("message")).contains("\"GET /api/v1/stream?access_token=***\" 200 ")
                    .doesNotContain(token);
        }));
        for (SystemStack.Service service : List.of(stack.ingest(), delivery)) {
            assertThat(lines(service)).allSatisfy(line -> {
                assertThat(JsonParserFactory.getJsonParser().parseMap(line)).containsKeys("@timestamp", "log", "message");
                assertThat(line).doesNotContain(token);
            });
        }
    }

    /** The log lines the service wrote as JSON (a JVM warning before logging starts may be plain). */
    static List<String> lines(SystemStack.Service service) {
        try {
            return Files.readAllLines(service.process().log()).stream().filter(line -> line.startsWith("{")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
