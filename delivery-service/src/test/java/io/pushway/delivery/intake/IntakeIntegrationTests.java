package io.pushway.delivery.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pushway.delivery.DeliveryIntegrationTest;
import io.pushway.model.DeliveryState;
import io.pushway.model.Envelope;
import io.pushway.model.JsonCodec;
import io.pushway.model.KafkaNames;
import io.pushway.model.MessageIds;
import io.pushway.model.RedisKeys;
import io.pushway.testsupport.Infrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

class IntakeIntegrationTests extends DeliveryIntegrationTest {

    private final String recipient = "intake-" + UUID.randomUUID();

    @Test
    void recordIsQueuedInTheRecipientsInboxInOrder() {
        Envelope first = send(envelope(recipient, "{\"n\":1}"));
        Envelope second = send(envelope(recipient, "{\"n\":2}"));

        await().atMost(Duration.ofSeconds(20)).until(() -> inboxLength() == 2);
        var entries = redis.opsForStream().range(RedisKeys.inbox(recipient), org.springframework.data.domain.Range.unbounded())
                .collectList().block();
        assertThat(entries).extracting(e -> e.getValue().get("m")).containsExactly(first.id(), second.id());
        assertThat((String) entries.get(0).getValue().get("d"))
                .isEqualTo("{\"id\":\"" + first.id() + "\",\"payload\":{\"n\":1},\"createdAt\":\""
                        + first.createdAt() + "\"}");
        assertThat(state(recipient, first.id()).state()).isEqualTo(DeliveryState.QUEUED);
        assertThat(state(recipient, first.id()).entryId()).isEqualTo(entries.get(0).getId().getValue());
    }

    @Test
    void redeliveredRecordCreatesNoSecondEntry() {
        Envelope envelope = envelope(recipient, "{\"dup\":true}");
        send(envelope);
        send(envelope);
        Envelope marker = send(envelope(recipient, "{\"marker\":true}"));

        await().atMost(Duration.ofSeconds(20)).until(() -> state(recipient, marker.id()).state() == DeliveryState.QUEUED);
        assertThat(inboxLength()).isEqualTo(2);
    }

    @Test
    void messageExpiredBeforeIntakeIsNeverQueued() {
        Instant past = Instant.now().minusSeconds(10);
        Envelope expired = send(Envelope.direct(MessageIds.next(), recipient, JsonCodec.mapper().readTree("1"),
                null, past.minusSeconds(1), past, "test-publisher"));

        await().atMost(Duration.ofSeconds(20)).until(() -> state(recipient, expired.id()).state() == DeliveryState.EXPIRED);
        assertThat(inboxLength()).isZero();
    }

    @Test
    void poisonRecordGoesToTheDeadLetterTopicAndIntakeContinues() {
        String key = "poison-" + UUID.randomUUID();
        kafka.send(KafkaNames.MESSAGES, key, "not an envelope".getBytes()).join();
        Envelope after = send(envelope(key, "{\"after\":\"poison\"}"));

        await().atMost(Duration.ofSeconds(30)).until(() -> state(key, after.id()).state() == DeliveryState.QUEUED);
        assertThat(deadLetterKeys()).contains(key);
    }

    @Test
    void aPoisonRecordThatNamesItsMessageAndRecipientLeavesTheMessageFailed() {
        String key = "failed-" + UUID.randomUUID();
        String id = MessageIds.next();
        // Valid JSON with an id and a recipient, but not an envelope (no payload, no times).
        kafka.send(KafkaNames.MESSAGES, key, ("{\"id\":\"" + id + "\",\"recipient\":\"" + key + "\"}").getBytes()).join();
        Envelope after = send(envelope(key, "{\"after\":\"failed\"}"));

        await().atMost(Duration.ofSeconds(30)).until(() -> state(key, after.id()).state() == DeliveryState.QUEUED);
        await().atMost(Duration.ofSeconds(10)).until(() -> state(key, id).state() == DeliveryState.FAILED);
        assertThat(redis.getExpire(RedisKeys.state(key)).block()).isPositive();
    }

    private long inboxLength() {
        return redis.opsForStream().size(RedisKeys.inbox(recipient)).block();
    }

    private static List<String> deadLetterKeys() {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.shared().kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "dlt-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(KafkaNames.DEAD_LETTERS));
            List<String> keys = new java.util.ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (keys.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> keys.add(r.key()));
            }
            return keys;
        }
    }
}
