package io.pushway.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.pushway.model.Envelope;
import io.pushway.model.JsonCodec;
import io.pushway.model.KafkaNames;
import io.pushway.model.MessageIds;
import io.pushway.model.RedisKeys;
import io.pushway.testsupport.Infrastructure;
import io.pushway.testsupport.RedisServer;
import io.pushway.testsupport.SseStream;
import io.pushway.testsupport.TestClients;
import io.pushway.testsupport.TestTokens;
import io.pushway.testsupport.WithInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

/**
 * A Redis outage against the running delivery service: connecting a stream or a poll and acking answer
 * 503 with {@code Retry-After} quickly, open streams end with a reconnect event, records consumed
 * meanwhile are retried — never dead-lettered — and reach the inbox once Redis is back; the
 * {@code redis} breaker closes on its own. Its own {@code redis-server} and its own Kafka broker (its
 * consumer group must not take partitions from the shared context), its own context. The context is
 * not closed after the class: closing one of several live WebFlux contexts mid-suite made the next
 * test's first request hang (spring-boot#38199); its Redis and broker stay up until the JVM exits.
 */
@WithInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"pushway.session.resync=1s", "pushway.connection-limit.enabled=false"})
class RedisOutageIntegrationTests {

    /** The longest a request may take while Redis is gone. */
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(3);

    private static RedisServer redisServer = RedisServer.start(RedisServer.Options.ephemeral());
    private static final EmbeddedKafkaBroker broker = startBroker();

    @LocalServerPort
    private int port;

    @Autowired
    private ReactiveStringRedisTemplate redis;

    @Autowired
    private KafkaTemplate<Object, Object> kafka;

    @Autowired
    private CircuitBreakerRegistry breakers;

    private final String recipient = "outage-" + UUID.randomUUID();
    private final String token = TestTokens.mint(recipient, "push.subscribe");

    @DynamicPropertySource
    static void ownRedisAndKafka(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.url", redisServer::url);
        registry.add("spring.kafka.bootstrap-servers", broker::getBrokersAsString);
    }

    private static EmbeddedKafkaBroker startBroker() {
        EmbeddedKafkaBroker broker = new EmbeddedKafkaKraftBroker(1, Infrastructure.PARTITIONS)
                .brokerProperties(Map.of("auto.create.topics.enable", "false", "group.initial.rebalance.delay.ms", "0"));
        broker.afterPropertiesSet();
        Infrastructure.createTopics(broker.getBrokersAsString());
        return broker;
    }

    /**
     * Recovery on its own: once Redis is back, the next calls are the breaker's trial calls (it waits
     * half-open for them), and it closes.
     */
    @AfterEach
    void redisIsBackAndServesAgain() {
        if (redisServer == null) {
            redisServer = RedisServer.start(stopped);
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> get("/api/v1/inbox").getStatus().value() == 200
                        && breakers.circuitBreaker("redis").getState() == CircuitBreaker.State.CLOSED);
    }

    private static RedisServer.Options stopped;

    private static void stopRedis() {
        stopped = redisServer.options();
        redisServer.stop();
        redisServer = null;
    }

    @Test
    void streamsPollsAndAcksAnswer503AndOpenStreamsEndWithReconnect() throws InterruptedException {
        try (SseStream stream = SseStream.open("https://localhost:" + port + "/api/v1/stream", token, null)) {
            stream.awaitConnected(Duration.ofSeconds(10));
            stopRedis();

            ServerSentEvent<String> last = stream.next(Duration.ofSeconds(10));
            assertThat(last).as("the stream's last event").isNotNull();
            assertThat(last.event()).isEqualTo("reconnect");
            assertThat(last.data()).contains("unavailable");
        }

        assertUnavailable(timed(() -> get("/api/v1/inbox")));
        assertUnavailable(timed(() -> get("/api/v1/stream")));
        assertUnavailable(timed(() -> TestClients.https(port).post().uri("/api/v1/messages/" + MessageIds.next() + "/ack")
                .headers(h -> h.setBearerAuth(token)).exchange().expectBody().returnResult()));
        await().atMost(Duration.ofSeconds(30)).until(() -> breakers.circuitBreaker("redis").getState()
                != CircuitBreaker.State.CLOSED);
        assertUnavailable(timed(() -> get("/api/v1/inbox")));

        redisIsBackAndServesAgain();
        try (SseStream again = SseStream.open("https://localhost:" + port + "/api/v1/stream", token, null)) {
            again.awaitConnected(Duration.ofSeconds(10));
        }
    }

    @Test
    void recordsConsumedDuringTheOutageReachTheInboxAfterwardsAndNoneIsDeadLettered() throws Exception {
        stopRedis();
        Envelope envelope = send(recipient);
        await().atMost(Duration.ofSeconds(60)).until(() -> breakers.circuitBreaker("redis").getState()
                == CircuitBreaker.State.OPEN);

        redisServer = RedisServer.start(stopped);

        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> Boolean.TRUE.equals(
                redis.opsForHash().hasKey(RedisKeys.state(recipient), envelope.id()).block()));
        EntityExchangeResult<byte[]> polled = get("/api/v1/inbox");
        assertThat(polled.getStatus().value()).isEqualTo(200);
        assertThat(new String(polled.getResponseBodyContent())).contains(envelope.id());
        assertThat(deadLetters()).as("records on the dead-letter topic").isZero();
    }

    private Envelope send(String to) {
        Instant now = Instant.now();
        Envelope envelope = Envelope.direct(MessageIds.next(), to, JsonCodec.mapper().readTree("{\"n\":1}"), null,
                now, now.plus(Duration.ofMinutes(5)), "test-publisher");
        kafka.send(KafkaNames.MESSAGES, envelope.routingKey(), JsonCodec.encode(envelope)).join();
        return envelope;
    }

    private long deadLetters() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()))) {
            Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            for (int p = 0; p < Infrastructure.PARTITIONS; p++) {
                latest.put(new TopicPartition(KafkaNames.DEAD_LETTERS, p), OffsetSpec.latest());
            }
            return admin.listOffsets(latest).all().get().values().stream().mapToLong(o -> o.offset()).sum();
        }
    }

    private EntityExchangeResult<byte[]> get(String path) {
        return TestClients.https(port).mutate().responseTimeout(Duration.ofSeconds(30)).build()
                .get().uri(path).headers(h -> h.setBearerAuth(token)).exchange().expectBody().returnResult();
    }

    private static EntityExchangeResult<byte[]> timed(Supplier<EntityExchangeResult<byte[]>> request) {
        long start = System.nanoTime();
        EntityExchangeResult<byte[]> result = request.get();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("answered within").isLessThan(ANSWER_WITHIN);
        return result;
    }

    private static void assertUnavailable(EntityExchangeResult<byte[]> result) {
        assertThat(result.getStatus().value()).isEqualTo(503);
        assertThat(result.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(new String(result.getResponseBodyContent())).contains("https://pushway.io/problems/unavailable");
        assertThat(result.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).matches("[1-9]\\d*");
    }
}
