package io.pushway.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.reactive.function.client.WebClient;

/** Readiness on the management port covers Redis and Kafka; liveness stands alone. */
class HealthIntegrationTests extends IngestIntegrationTest {

    @LocalManagementPort
    private int managementPort;

    @Test
    void readinessIncludesRedisAndKafka() {
        Map<String, Object> readiness = get("/actuator/health/readiness");

        assertThat(readiness).containsEntry("status", "UP");
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> components = (Map<String, Map<String, Object>>) readiness.get("components");
        assertThat(components).containsKeys("readinessState", "redis", "kafka");
        assertThat(components.get("kafka")).containsEntry("status", "UP");
        assertThat(components.get("kafka").get("details")).asString().contains("clusterId");
        assertThat(get("/actuator/health/liveness")).containsEntry("status", "UP");
    }

    private Map<String, Object> get(String path) {
        return WebClient.create("http://127.0.0.1:" + managementPort).get().uri(path).retrieve()
                .bodyToMono(new ParameterizedTypeReference<Map<String, Object>>() { }).block();
    }
}
