package io.pushway.delivery;

import io.pushway.model.Envelope;
import io.pushway.model.JsonCodec;
import io.pushway.model.KafkaNames;
import io.pushway.model.MessageIds;
import io.pushway.model.RedisKeys;
import io.pushway.model.StateRecord;
import io.pushway.testsupport.WithInfrastructure;
import java.time.Duration;
import java.time.Instant;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Base of delivery integration tests: the real service over HTTPS on a random port, consuming from
 * real Kafka into real Redis. Every subclass shares one Spring context and one infrastructure.
 */
@WithInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"pushway.inbox.topic-history=" + DeliveryIntegrationTest.TOPIC_HISTORY,
                "pushway.session.max-streams-per-user=" + DeliveryIntegrationTest.MAX_STREAMS})
public abstract class DeliveryIntegrationTest {

    /** A short topic history, so tests can push a topic past it. */
    protected static final int TOPIC_HISTORY = 5;

    /** A small per-user stream limit, so tests can reach it. */
    protected static final int MAX_STREAMS = 3;

    @LocalServerPort
    protected int port;

    @Autowired
    protected ReactiveStringRedisTemplate redis;

    @Autowired
    protected KafkaTemplate<Object, Object> kafka;

    /** A direct message to {@code recipient} with a JSON payload, valid for a minute. */
    protected static Envelope envelope(String recipient, String payloadJson) {
        Instant now = Instant.now();
        return Envelope.direct(MessageIds.next(), recipient, JsonCodec.mapper().readTree(payloadJson), null,
                now, now.plus(Duration.ofMinutes(1)), "test-publisher");
    }

    /** A message to {@code topic}, valid for a minute. */
    protected static Envelope topicEnvelope(String topic, String payloadJson) {
        Instant now = Instant.now();
        return new Envelope(MessageIds.next(), null, topic, JsonCodec.mapper().readTree(payloadJson), null,
                now, now.plus(Duration.ofMinutes(1)), "test-publisher");
    }

    /** Writes {@code envelope} to Kafka as ingest would, and waits for the broker's acknowledgement. */
    protected Envelope send(Envelope envelope) {
        kafka.send(KafkaNames.MESSAGES, envelope.routingKey(), JsonCodec.encode(envelope)).join();
        return envelope;
    }

    /** The stored state of {@code messageId} for {@code recipient}. */
    protected StateRecord state(String recipient, String messageId) {
        return StateRecord.parse((String) redis.opsForHash().get(RedisKeys.state(recipient), messageId).block());
    }
}
