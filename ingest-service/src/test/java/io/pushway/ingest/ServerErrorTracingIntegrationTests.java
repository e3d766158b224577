package io.pushway.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import io.pushway.testsupport.LogCapture;
import io.pushway.testsupport.TestClients;
import io.pushway.testsupport.TestTokens;
import io.pushway.testsupport.WithInfrastructure;
import io.pushway.web.ProblemHandler;
import io.pushway.web.TraceIds;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Every 5xx is logged with a trace id that its problem body carries too: a 503 from a real Redis
 * outage (Redis is pointed at a closed port) and a 500 from a handler that fails unexpectedly.
 */
@WithInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.data.redis.url=redis://127.0.0.1:1", "pushway.rate-limit.enabled=false"})
class ServerErrorTracingIntegrationTests {

    @LocalServerPort
    int port;

    private final String publisher = TestTokens.mint("failing-" + UUID.randomUUID(), "push.publish");

    @TestConfiguration
    static class Failing {
        @Bean
        FailingController failingController() {
            return new FailingController();
        }
    }

    @RestController
    static class FailingController {
        @GetMapping("/test/fail")
        String fail() {
            throw new IllegalStateException("a bug");
        }
    }

    @Test
    void unavailableRedisIsA503WhoseTraceIdIsTheCallersAndInTheLoggedLine() {
        String traceId = UUID.randomUUID().toString().replace("-", "");

        try (LogCapture logs = LogCapture.of(ProblemHandler.class)) {
            Map<String, Object> problem = problem(TestClients.https(port).post().uri("/api/v1/messages")
                    .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                    .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"recipients\":[\"a\"],\"payload\":1}"), 503);

            assertThat(problem).containsEntry(TraceIds.TRACE_ID, traceId);
            assertLogged(logs, Level.WARN, traceId);
        }
    }

    @Test
    void unexpectedFailureIsA500WhoseNewTraceIdIsInTheLoggedLine() {
        try (LogCapture logs = LogCapture.of(ProblemHandler.class)) {
            Map<String, Object> problem = problem(TestClients.https(port).get().uri("/test/fail"), 500);

            String traceId = (String) problem.get(TraceIds.TRACE_ID);
            assertThat(traceId).matches("[0-9a-f]{32}");
            assertThat(problem).containsEntry("type", "https://pushway.io/problems/internal");
            assertLogged(logs, Level.ERROR, traceId);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> problem(WebTestClient.RequestHeadersSpec<?> request, int status) {
        return request.header(HttpHeaders.AUTHORIZATION, "Bearer " + publisher).exchange()
                .expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(Map.class).returnResult().getResponseBody();
    }

    /** The handler logged the failure at {@code level}, in the trace {@code traceId} and naming it. */
    private static void assertLogged(LogCapture logs, Level level, String traceId) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(logs.events()).anySatisfy(event -> {
            assertThat(event.getLevel()).isEqualTo(level);
            assertThat(LogCapture.context(event, "traceId")).isEqualTo(traceId);
            assertThat(event.getFormattedMessage()).contains("trace id " + traceId);
        }));
    }
}
