package io.pushway.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.Endpoint;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.pushway.model.KafkaNames;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Monitoring, Kafka, Redis, shutdown, pod hardening and what each overlay promises. */
class OperationsTests {

    private static final Duration LONGEST_TTL = Duration.ofDays(7);

    static Stream<Render> renders() {
        return Render.ALL.stream().map(Render::of);
    }

    @ParameterizedTest
    @MethodSource("renders")
    void serviceMonitorsScrapeTheManagementPortUnderTheJobNamesTheAlertsUse(Render render) throws IOException {
        List<String> jobs = StrictModel.YAML.readTree(Repository.read("deploy/observability/prometheus.yml"))
                .path("scrape_configs").findValuesAsText("job_name");
        List<String> scraped = new java.util.ArrayList<>();
        for (ServiceMonitor monitor : render.all(ServiceMonitor.class)) {
            List<Service> services = render.all(Service.class).stream().filter(s -> s.getMetadata().getLabels().entrySet()
                    .containsAll(monitor.getSpec().getSelector().getMatchLabels().entrySet())).toList();
            assertThat(services).as("Services of ServiceMonitor %s", monitor.getMetadata().getName()).hasSize(1);
            for (Endpoint endpoint : monitor.getSpec().getEndpoints()) {
                assertThat(services.get(0).getSpec().getPorts()).extracting(ServicePort::getName).contains(endpoint.getPort());
                assertThat(endpoint.getPort()).isEqualTo("management");
                assertThat(endpoint.getPath()).isEqualTo("/actuator/prometheus");
                endpoint.getRelabelings().stream().filter(r -> "job".equals(r.getTargetLabel()))
                        .forEach(r -> scraped.add(r.getReplacement()));
            }
        }
        assertThat(scraped).containsExactlyInAnyOrderElementsOf(jobs);
    }

    @ParameterizedTest
    @MethodSource("renders")
    void thePrometheusRuleCarriesExactlyTheRulesOfAlertsYml(Render render) throws IOException {
        JsonNode alerts = StrictModel.YAML.readTree(Repository.read("deploy/observability/alerts.yml")).path("groups");
        PrometheusRule rule = render.get(PrometheusRule.class, "pushway");

        JsonNode rendered = StrictModel.JSON.valueToTree(rule.getSpec().getGroups());
        assertThat(rendered).as("copy the groups of deploy/observability/alerts.yml into k8s/base/monitoring.yaml")
                .isEqualTo(alerts);
    }

    @ParameterizedTest
    @MethodSource("renders")
    void kafkaTopicsAndAclsNameTheTopicsAndGroupTheServicesUse(Render render) {
        Kafka kafka = render.all(Kafka.class).get(0);
        String cluster = kafka.getMetadata().getName();
        int nodes = render.all(KafkaNodePool.class).stream().mapToInt(p -> p.getSpec().getReplicas()).sum();
        List<KafkaTopic> topics = render.all(KafkaTopic.class);
        assertThat(topics).extracting(t -> t.getSpec().getTopicName())
                .containsExactlyInAnyOrder(KafkaNames.MESSAGES, KafkaNames.DEAD_LETTERS);
        for (KafkaTopic topic : topics) {
            assertThat(topic.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", cluster);
            assertThat(topic.getSpec().getPartitions()).isEqualTo(12);
            assertThat(topic.getSpec().getReplicas()).isBetween(1, nodes);
            assertThat(((Number) topic.getSpec().getConfig().get("min.insync.replicas")).intValue())
                    .isLessThanOrEqualTo(Math.max(1, topic.getSpec().getReplicas() - 1));
            assertThat(((Number) topic.getSpec().getConfig().get("retention.ms")).longValue())
                    .isGreaterThanOrEqualTo(LONGEST_TTL.toMillis());
        }
        for (KafkaUser user : render.all(KafkaUser.class)) {
            assertThat(user.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", cluster);
            ((KafkaUserAuthorizationSimple) user.getSpec().getAuthorization()).getAcls().forEach(acl ->
                    assertThat(acl.getResource().toString()).containsAnyOf("name=" + KafkaNames.MESSAGES + ",",
                            "name=" + KafkaNames.DEAD_LETTERS + ",", "name=" + KafkaNames.DELIVERY_GROUP + ","));
        }
        var listener = kafka.getSpec().getKafka().getListeners().get(0);
        assertThat(config(render).get("SPRING_KAFKA_BOOTSTRAP_SERVERS"))
                .isEqualTo(cluster + "-kafka-bootstrap:" + listener.getPort());
        assertThat(listener.isTls()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("renders")
    void redisPersistsItsAppendOnlyFileOnItsVolume(Render render) {
        StatefulSet redis = render.get(StatefulSet.class, "redis");
        String conf = render.get(ConfigMap.class, "redis-config").getData().get("redis.conf");
        assertThat(conf).contains("appendonly yes", "maxmemory-policy noeviction", "port 0", "tls-port 6379");
        // AOF replay runs as the default user: off, but with every permission, or scripts' writes are lost.
        assertThat(String.join("\n", redis.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs()))
                .contains("user default off ~* &* +@all\\n");
        String dir = conf.lines().filter(l -> l.startsWith("dir ")).findFirst().orElseThrow().substring(4);
        String claim = redis.getSpec().getVolumeClaimTemplates().get(0).getMetadata().getName();
        assertThat(redis.getSpec().getTemplate().getSpec().getContainers().get(0).getVolumeMounts())
                .anyMatch(m -> m.getName().equals(claim) && m.getMountPath().equals(dir));
        assertThat(render.find(Service.class, redis.getSpec().getServiceName())).isPresent();
        assertThat(config(render)).containsEntry("SPRING_DATA_REDIS_HOST", redis.getSpec().getServiceName())
                .containsEntry("SPRING_DATA_REDIS_PORT", "6379");
    }

    /** preStop, then every shutdown phase of Spring (at most two matter here) within the grace period. */
    @ParameterizedTest
    @MethodSource("renders")
    void theGracePeriodCoversPreStopAndSpringsGracefulShutdown(Render render) throws IOException {
        String phase = StrictModel.YAML.readTree(Repository.read("shared-model/src/main/resources/pushway-common.yml"))
                .path("spring").path("lifecycle").path("timeout-per-shutdown-phase").asText();
        long phaseSeconds = Duration.parse("PT" + phase.toUpperCase()).toSeconds();
        for (Deployment deployment : render.all(Deployment.class)) {
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            long preStop = pod.getContainers().get(0).getLifecycle().getPreStop().getSleep().getSeconds();
            assertThat(preStop).isPositive();
            assertThat(pod.getTerminationGracePeriodSeconds()).isGreaterThan(preStop + 2 * phaseSeconds);
        }
    }

    @ParameterizedTest
    @MethodSource("renders")
    void everyPodRunsLockedDownWithBoundedMemory(Render render) {
        for (Workload workload : Workload.of(render)) {
            PodSpec pod = workload.pod();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(workload.name()).isTrue();
            assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
            assertThat(pod.getAutomountServiceAccountToken()).isFalse();
            for (Container container : workload.containers()) {
                assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
                assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
                assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
                assertThat(container.getResources().getLimits().get("memory"))
                        .isEqualTo(container.getResources().getRequests().get("memory"));
            }
        }
    }

    /**
     * The services' heap: a share of the pod's memory limit that leaves room for what is not heap, all of
     * it from the start. It must replace the image's JAVA_TOOL_OPTIONS (75 %): a percentage given in that
     * variable would lose to one on the image's command line.
     */
    @ParameterizedTest
    @MethodSource("renders")
    void servicesSizeTheirHeapFromTheMemoryLimitWithRoomToSpare(Render render) {
        for (String service : List.of("ingest", "delivery")) {
            Container container = render.get(Deployment.class, service).getSpec().getTemplate().getSpec()
                    .getContainers().get(0);
            String options = container.getEnv().stream().filter(e -> e.getName().equals("JAVA_TOOL_OPTIONS"))
                    .findFirst().orElseThrow().getValue();
            assertThat(options).as(service).contains("-XX:MaxRAMPercentage=60", "-XX:InitialRAMPercentage=60")
                    .doesNotContain("-Xmx", "-Xms");
        }
    }

    @ParameterizedTest
    @MethodSource("renders")
    void autoscalersAndBudgetsTargetExistingDeployments(Render render) {
        for (HorizontalPodAutoscaler hpa : render.all(HorizontalPodAutoscaler.class)) {
            var target = hpa.getSpec().getScaleTargetRef();
            assertThat(target.getKind()).isEqualTo("Deployment");
            assertThat(render.get(Deployment.class, target.getName()).getSpec().getReplicas())
                    .as("replicas of %s are the HPA's to set", target.getName()).isNull();
        }
        for (PodDisruptionBudget pdb : render.all(PodDisruptionBudget.class)) {
            assertThat(Workload.selectedBy(render, pdb.getSpec().getSelector().getMatchLabels())).hasSize(1);
            int minAvailable = pdb.getSpec().getMinAvailable().getIntVal();
            render.find(HorizontalPodAutoscaler.class, pdb.getMetadata().getName()).ifPresent(hpa ->
                    assertThat(minAvailable).as("a budget that leaves room to drain").isLessThan(hpa.getSpec().getMinReplicas()));
        }
    }

    @Test
    void overlaysPinTheServiceImages() {
        for (String overlay : List.of("overlays/dev", "overlays/prod")) {
            Render.of(overlay).all(Deployment.class).forEach(d -> assertThat(
                    d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                    .matches("pushway/(ingest|delivery)-service(:[\\w.-]+|@sha256:[0-9a-f]{64})").doesNotEndWith(":latest"));
        }
    }

    @Test
    void devRunsOneOfEverything() {
        Render dev = Render.of("overlays/dev");
        assertThat(dev.all(Deployment.class)).allMatch(d -> d.getSpec().getReplicas() == 1);
        assertThat(dev.all(HorizontalPodAutoscaler.class)).isEmpty();
        assertThat(dev.all(PodDisruptionBudget.class)).isEmpty();
        assertThat(dev.all(KafkaNodePool.class)).allMatch(p -> p.getSpec().getReplicas() == 1);
    }

    @Test
    void prodKeepsThreeReplicasTwoThroughDisruptionsNeverTwoOnANode() {
        Render prod = Render.of("overlays/prod");
        assertThat(prod.all(HorizontalPodAutoscaler.class)).hasSize(2).allMatch(h -> h.getSpec().getMinReplicas() >= 3);
        assertThat(prod.all(PodDisruptionBudget.class)).hasSize(2).allMatch(p -> p.getSpec().getMinAvailable().getIntVal() >= 2);
        for (Deployment deployment : prod.all(Deployment.class)) {
            assertThat(deployment.getSpec().getTemplate().getSpec().getTopologySpreadConstraints())
                    .anyMatch(c -> c.getTopologyKey().equals("kubernetes.io/hostname") && c.getWhenUnsatisfiable().equals("DoNotSchedule"))
                    .anyMatch(c -> c.getTopologyKey().equals("topology.kubernetes.io/zone"));
        }
        assertThat(prod.all(KafkaNodePool.class).stream().mapToInt(p -> p.getSpec().getReplicas()).sum()).isGreaterThanOrEqualTo(3);
    }

    private static java.util.Map<String, String> config(Render render) {
        return render.get(ConfigMap.class, "pushway-config").getData();
    }
}
