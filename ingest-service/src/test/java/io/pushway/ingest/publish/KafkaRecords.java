package io.pushway.ingest.publish;

import io.pushway.model.Envelope;
import io.pushway.model.JsonCodec;
import io.pushway.model.KafkaNames;
import io.pushway.testsupport.Infrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** The records ingest wrote to {@link KafkaNames#MESSAGES}, read from the start by a fresh consumer group. */
final class KafkaRecords {

    private KafkaRecords() {
    }

    /** The records of message {@code id}, once {@code expected} of them arrived or after 20 s. */
    static List<ConsumerRecord<String, byte[]>> of(String id, int expected) {
        return of(List.of(id), expected);
    }

    /** The records of the messages {@code ids}, once {@code expected} of them arrived or after 20 s. */
    static List<ConsumerRecord<String, byte[]>> of(Collection<String> ids, int expected) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.shared().kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(KafkaNames.MESSAGES));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (found.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (ids.contains(envelope(record).id())) {
                        found.add(record);
                    }
                }
            }
        }
        return found;
    }

    static Envelope envelope(ConsumerRecord<String, byte[]> record) {
        return JsonCodec.decode(record.value());
    }
}
