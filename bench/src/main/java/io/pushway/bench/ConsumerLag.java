package io.pushway.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The delivery consumer group's lag on {@code push.messages.v1} (end offsets minus committed offsets),
 * so a scenario starts only after the previous one's messages are all consumed.
 */
final class ConsumerLag implements AutoCloseable {

    private static final String GROUP = "delivery";
    private static final String TOPIC = "push.messages.v1";

    private final Admin admin;

    ConsumerLag(String bootstrap) {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        admin = Admin.create(properties);
    }

    /** Records not yet committed by the group, or -1 when the broker does not answer. */
    long lag() {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(List.of(TOPIC)).allTopicNames()
                    .get(10, TimeUnit.SECONDS).get(TOPIC).partitions().stream()
                    .map(partition -> new TopicPartition(TOPIC, partition.partition()))
                    .collect(Collectors.toMap(Function.identity(), partition -> OffsetSpec.latest()));
            long lag = 0;
            for (var end : admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).entrySet()) {
                OffsetAndMetadata offset = committed.get(end.getKey());
                lag += end.getValue().offset() - (offset == null ? 0 : offset.offset());
            }
            return lag;
        } catch (ExecutionException | TimeoutException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Waits (polling every 200 ms) until the lag is zero or {@code timeout} passed; returns the last lag. */
    long awaitZero(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long lag = lag();
        while (lag != 0 && System.nanoTime() < deadline) {
            Micros.sleepUntil(Micros.now() + 200_000);
            lag = lag();
        }
        return lag;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
