package io.pushway.web;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.kafka.core.KafkaAdmin;
import reactor.core.publisher.Mono;

/**
 * The {@code kafka} health component: UP with the cluster id when the brokers answer a cluster
 * description within two seconds, DOWN otherwise. One admin client for the service's lifetime, so a
 * probe every few seconds opens no new connections.
 */
public class KafkaHealth implements ReactiveHealthIndicator, DisposableBean {

    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(2);

    private final AdminClient admin;

    public KafkaHealth(KafkaAdmin kafka) {
        Map<String, Object> config = new HashMap<>(kafka.getConfigurationProperties());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) ANSWER_WITHIN.toMillis());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ANSWER_WITHIN.toMillis());
        this.admin = AdminClient.create(config);
    }

    @Override
    public Mono<Health> health() {
        return Mono.fromFuture(() -> admin.describeCluster(new DescribeClusterOptions()
                        .timeoutMs((int) ANSWER_WITHIN.toMillis())).clusterId().toCompletionStage().toCompletableFuture())
                .timeout(ANSWER_WITHIN.plusSeconds(1))
                .map(clusterId -> Health.up().withDetail("clusterId", clusterId).build())
                .onErrorResume(e -> Mono.just(Health.down().withDetail("error", e.getClass().getSimpleName()).build()));
    }

    @Override
    public void destroy() {
        admin.close(Duration.ofSeconds(1));
    }
}
