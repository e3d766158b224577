package io.pushway.testsupport;

import io.pushway.model.KafkaNames;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.kafka.KafkaContainer;

/**
 * Real Kafka and Redis for tests, started at most once per JVM and shared by every test class.
 *
 * <p>Each comes from the first source that applies:
 * <ol>
 *   <li>an external endpoint named by {@code PUSHWAY_TEST_KAFKA_BOOTSTRAP} /
 *       {@code PUSHWAY_TEST_REDIS_URL};</li>
 *   <li>a Testcontainers container when a Docker engine answers;</li>
 *   <li>otherwise an embedded KRaft broker (spring-kafka-test) in this JVM, and a {@code redis-server}
 *       process on a free loopback port.</li>
 * </ol>
 * The Pushway topics are created (idempotently) in every case. Everything stops when the JVM exits.
 */
public final class Infrastructure {

    /** Partitions of the test topics: more than one, so ordering by key is really exercised. */
    public static final int PARTITIONS = 6;

    private static final Logger log = LoggerFactory.getLogger(Infrastructure.class);
    private static Infrastructure shared;

    private final String kafkaBootstrapServers;
    private final String redisUrl;

    private Infrastructure(String kafkaBootstrapServers, String redisUrl) {
        this.kafkaBootstrapServers = kafkaBootstrapServers;
        this.redisUrl = redisUrl;
    }

    /** The JVM-wide infrastructure, started on first use. */
    public static synchronized Infrastructure shared() {
        if (shared == null) {
            long start = System.nanoTime();
            boolean docker = (System.getenv("PUSHWAY_TEST_KAFKA_BOOTSTRAP") == null
                    || System.getenv("PUSHWAY_TEST_REDIS_URL") == null) && dockerAvailable();
            shared = new Infrastructure(kafka(docker), redis(docker));
            createTopics(shared.kafkaBootstrapServers);
            log.info("Test infrastructure ready in {} ms: kafka={} redis={}",
                    (System.nanoTime() - start) / 1_000_000, shared.kafkaBootstrapServers, shared.redisUrl);
        }
        return shared;
    }

    public String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    public String redisUrl() {
        return redisUrl;
    }

    private static String kafka(boolean docker) {
        String external = System.getenv("PUSHWAY_TEST_KAFKA_BOOTSTRAP");
        if (external != null) {
            return external;
        }
        if (docker) {
            KafkaContainer container = new KafkaContainer("apache/kafka:4.1.1");
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
            return container.getBootstrapServers();
        }
        EmbeddedKafkaBroker broker = new EmbeddedKafkaKraftBroker(1, PARTITIONS)
                .brokerProperties(Map.of("auto.create.topics.enable", "false",
                        "group.initial.rebalance.delay.ms", "0"));
        broker.afterPropertiesSet();
        return broker.getBrokersAsString();
    }

    private static String redis(boolean docker) {
        String external = System.getenv("PUSHWAY_TEST_REDIS_URL");
        if (external != null) {
            return external;
        }
        if (docker) {
            GenericContainer<?> container = new GenericContainer<>("redis:7.4").withExposedPorts(6379);
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
            return "redis://" + container.getHost() + ":" + container.getMappedPort(6379);
        }
        RedisServer server = RedisServer.start(RedisServer.Options.ephemeral());
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        return server.url();
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** Creates Pushway's topics on {@code bootstrapServers} unless they exist. */
    public static void createTopics(String bootstrapServers) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            for (String topic : List.of(KafkaNames.MESSAGES, KafkaNames.DEAD_LETTERS)) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + topic, e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
