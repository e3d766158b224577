package io.pushway.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import org.junit.jupiter.api.Test;

/** The loader the manifest tests rely on rejects what a lenient one would let through. */
class StrictModelTests {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              selector: {matchLabels: {app: d}}
              template:
                metadata: {labels: {app: d}}
                spec:
                  containers:
                    - name: c
                      image: i:1
                      %s
            """;

    @Test
    void aKnownDeploymentLoadsTyped() {
        Deployment deployment = (Deployment) StrictModel.load(DEPLOYMENT.formatted("ports: [{containerPort: 80}]")).get(0);

        assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts().get(0).getContainerPort())
                .isEqualTo(80);
    }

    @Test
    void aMisspelledNestedFieldFails() {
        assertThatThrownBy(() -> StrictModel.load(DEPLOYMENT.formatted("readinesProbe: {tcpSocket: {port: 80}}")))
                .hasMessageContaining("readinesProbe");
    }

    @Test
    void aFieldOfTheWrongTypeFails() {
        assertThatThrownBy(() -> StrictModel.load(DEPLOYMENT.formatted("ports: {containerPort: 80}")))
                .hasMessageContaining("ports");
    }

    @Test
    void anUnknownFieldOfACustomResourceFails() {
        String topic = """
                apiVersion: kafka.strimzi.io/v1
                kind: KafkaTopic
                metadata: {name: t}
                spec: {partitions: 12, replica: 3}
                """;

        assertThatThrownBy(() -> StrictModel.load(topic)).hasMessageContaining("replica");
        assertThat(((KafkaTopic) StrictModel.load(topic.replace("replica:", "replicas:")).get(0)).getSpec().getReplicas())
                .isEqualTo(3);
    }

    @Test
    void aKindAtAnotherApiVersionFails() {
        assertThatThrownBy(() -> StrictModel.load(DEPLOYMENT.formatted("").replace("apps/v1", "extensions/v1beta1")))
                .hasMessageContaining("extensions/v1beta1/Deployment");
    }
}
