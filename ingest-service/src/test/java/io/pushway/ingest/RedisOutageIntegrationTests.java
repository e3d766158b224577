package io.pushway.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.pushway.model.JsonCodec;
import io.pushway.model.MessageIds;
import io.pushway.testsupport.RedisServer;
import io.pushway.testsupport.TestClients;
import io.pushway.testsupport.TestTokens;
import io.pushway.testsupport.WithInfrastructure;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Slow and stopped Redis against the running service: status reads and publishes answer 503 with
 * {@code Retry-After} within the deadline, never hang; the {@code redis} breaker opens (503 at once),
 * and everything works again on its own once Redis is back. Its own {@code redis-server} (stopped and
 * started here) and its own context, so no other test sees the outage. The context is not closed after
 * the class: closing one of several live WebFlux contexts mid-suite made the next test's first request
 * hang (spring-boot#38199); its Redis stays up until the JVM exits.
 */
@WithInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RedisOutageIntegrationTests {

    /** The longest a request may take while Redis hangs or is gone. */
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(3);

    private static RedisServer redisServer = RedisServer.start(RedisServer.Options.ephemeral());

    @LocalServerPort
    private int port;

    @LocalManagementPort
    private int managementPort;

    private final String publisher = TestTokens.mint("outage-" + UUID.randomUUID(), "push.publish", "push.status");

    @DynamicPropertySource
    static void ownRedis(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.url", redisServer::url);
    }

    @AfterEach
    void redisIsUpAgain() {
        if (!isUp()) {
            redisServer = RedisServer.start(redisServer.options());
        }
    }

    @Test
    void slowRedisAnswers503WithinTheDeadlineInsteadOfHanging() {
        try (RedisClient client = RedisClient.create(redisServer.url());
                StatefulRedisConnection<String, String> admin = client.connect()) {
            // Warm up (the first request of a context fetches the JWK Set): not timed.
            http().get().uri("/api/v1/messages/" + MessageIds.next()).headers(h -> h.setBearerAuth(publisher))
                    .exchange().expectStatus().isNotFound();
            // Every command waits for 6 s: longer than both attempts of a read and the deadline of a write.
            admin.sync().clientPause(6_000);

            assertUnavailable(status(MessageIds.next()));
            assertUnavailable(publish());
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(publish().getStatus().value()).isEqualTo(202));
    }

    @Test
    void stoppedRedisOpensTheBreakerAndRecoversOnItsOwn() {
        String id = JsonCodec.mapper().readTree(publish().getResponseBodyContent()).get("id").asString();
        redisServer.stop();

        await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO).until(() -> {
            assertUnavailable(status(id));
            return breakerState("open") == 1.0;
        });
        long start = System.nanoTime();
        EntityExchangeResult<byte[]> refused = status(id);
        assertUnavailable(refused);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("refused by the open breaker").isLessThan(Duration.ofMillis(500));
        assertThat(refused.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");

        redisServer = RedisServer.start(redisServer.options());

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> publish().getStatus().value() == 202);
        // Half-open, the breaker closes after 3 successful trial calls, so reads keep coming until it has.
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
            assertThat(status(MessageIds.next()).getStatus().value()).isEqualTo(404);
            return breakerState("closed") == 1.0;
        });
    }

    private EntityExchangeResult<byte[]> status(String id) {
        return timed(() -> http().get().uri("/api/v1/messages/" + id).headers(h -> h.setBearerAuth(publisher))
                .exchange().expectBody().returnResult());
    }

    private EntityExchangeResult<byte[]> publish() {
        return timed(() -> http().post().uri("/api/v1/messages").headers(h -> h.setBearerAuth(publisher))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"recipients\":[\"alice\"],\"payload\":{\"n\":1}}")
                .exchange().expectBody().returnResult());
    }

    /** The answer of {@code request}, which must come within {@link #ANSWER_WITHIN}. */
    private static EntityExchangeResult<byte[]> timed(Supplier<EntityExchangeResult<byte[]>> request) {
        long start = System.nanoTime();
        EntityExchangeResult<byte[]> result = request.get();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("answered within").isLessThan(ANSWER_WITHIN);
        return result;
    }

    private WebTestClient http() {
        return TestClients.https(port).mutate().responseTimeout(Duration.ofSeconds(30)).build();
    }

    /** 503 problem+json of type unavailable with a Retry-After, answered within the deadline. */
    private static void assertUnavailable(EntityExchangeResult<byte[]> result) {
        assertThat(result.getStatus().value()).isEqualTo(503);
        assertThat(result.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(new String(result.getResponseBodyContent())).contains("https://pushway.io/problems/unavailable");
        assertThat(result.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).matches("[1-9]\\d*");
    }

    /** The value of {@code resilience4j_circuitbreaker_state{name="redis",state=...}} on the management port. */
    private double breakerState(String state) {
        String metrics = WebClient.create("http://127.0.0.1:" + managementPort).get().uri("/actuator/prometheus")
                .retrieve().bodyToMono(String.class).block();
        return metrics.lines()
                .filter(l -> l.startsWith("resilience4j_circuitbreaker_state{") && l.contains("name=\"redis\"")
                        && l.contains("state=\"" + state + "\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .findFirst().orElse(-1);
    }

    private static boolean isUp() {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", redisServer.port())) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
