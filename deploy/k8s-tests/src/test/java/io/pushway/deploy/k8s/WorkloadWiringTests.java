package io.pushway.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Inside every render: Services reach pods and their named ports, probes hit the actuator's health
 * groups on the management port, every ConfigMap and Secret a pod uses exists with the keys it reads,
 * and every setting given to the services is a property they understand.
 */
class WorkloadWiringTests {

    private static final SpringProperties SPRING = new SpringProperties();

    static Stream<Render> renders() {
        return Render.ALL.stream().map(Render::of);
    }

    @ParameterizedTest
    @MethodSource("renders")
    void everyServiceSelectsTheNamedPortsOfExactlyOneWorkload(Render render) {
        assertThat(render.all(Service.class)).isNotEmpty();
        for (Service service : render.all(Service.class)) {
            List<Workload> selected = Workload.selectedBy(render, service.getSpec().getSelector());
            assertThat(selected).as("workloads selected by Service %s", service.getMetadata().getName()).hasSize(1);
            for (ServicePort port : service.getSpec().getPorts()) {
                assertThat(port.getTargetPort().getStrVal()).as("Service %s port %s targets a port by name",
                        service.getMetadata().getName(), port.getName()).isEqualTo(port.getName());
                assertThat(selected.get(0).port(port.getName()).getContainerPort()).isEqualTo(port.getPort());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("renders")
    void workloadsAndTheirSpreadConstraintsSelectTheirOwnPods(Render render) {
        for (Workload workload : Workload.of(render)) {
            assertThat(workload.podsCarry(workload.selector().getMatchLabels())).as(workload.name()).isTrue();
            assertThat(Workload.selectedBy(render, workload.selector().getMatchLabels())).containsExactly(workload);
            List<TopologySpreadConstraint> spread = workload.pod().getTopologySpreadConstraints();
            for (TopologySpreadConstraint constraint : spread) {
                assertThat(Workload.selectedBy(render, constraint.getLabelSelector().getMatchLabels()))
                        .as("pods %s spreads by %s", workload.name(), constraint.getTopologyKey()).containsExactly(workload);
            }
            assertThat(spread.stream().map(TopologySpreadConstraint::getTopologyKey))
                    .as("one rule per topology key in %s", workload.name()).doesNotHaveDuplicates();
        }
    }

    @ParameterizedTest
    @MethodSource("renders")
    void servicesAreProbedOnTheActuatorHealthGroupsOfTheManagementPort(Render render) {
        for (Deployment deployment : render.all(Deployment.class)) {
            Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
            Workload workload = Workload.selectedBy(render, deployment.getSpec().getSelector().getMatchLabels()).get(0);
            assertThat(env(container, "MANAGEMENT_SERVER_PORT"))
                    .isEqualTo(String.valueOf(workload.port("management").getContainerPort()));
            assertThat(env(container, "SERVER_PORT")).isEqualTo(String.valueOf(workload.port("https").getContainerPort()));
            assertHealthProbe(container.getStartupProbe(), "/actuator/health/liveness");
            assertHealthProbe(container.getLivenessProbe(), "/actuator/health/liveness");
            assertHealthProbe(container.getReadinessProbe(), "/actuator/health/readiness");
        }
    }

    @ParameterizedTest
    @MethodSource("renders")
    void everyConfigMapAndSecretAPodUsesExistsWithTheKeysItReads(Render render) {
        Map<String, Set<String>> secrets = Secrets.available(render);
        for (Workload workload : Workload.of(render)) {
            for (Container container : workload.containers()) {
                for (EnvFromSource from : container.getEnvFrom()) {
                    assertThat(render.find(ConfigMap.class, from.getConfigMapRef().getName())).isPresent();
                }
                for (EnvVar env : container.getEnv()) {
                    assertThat(env.getValueFrom()).as("%s: env from a reference is not used here", env.getName()).isNull();
                }
            }
            for (Volume volume : workload.pod().getVolumes()) {
                if (volume.getConfigMap() != null) {
                    assertKeys(render.get(ConfigMap.class, volume.getConfigMap().getName()).getData().keySet(),
                            volume.getConfigMap().getItems(), volume.getName());
                }
                if (volume.getSecret() != null) {
                    assertKeys(secret(secrets, volume.getSecret().getSecretName()), volume.getSecret().getItems(), volume.getName());
                }
                if (volume.getProjected() != null) {
                    for (VolumeProjection source : volume.getProjected().getSources()) {
                        assertKeys(secret(secrets, source.getSecret().getName()), source.getSecret().getItems(), volume.getName());
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("renders")
    void everySettingGivenToTheServicesIsAPropertyTheyUnderstand(Render render) {
        assertThat(SPRING.size()).as("properties known from Spring's metadata and the services' files").isGreaterThan(1000);
        for (Deployment deployment : render.all(Deployment.class)) {
            Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
            for (Map.Entry<String, String> setting : settings(render, container).entrySet()) {
                assertThat(SPRING.isEnvironmentVariable(setting.getKey()))
                        .as("%s of %s names a Spring property", setting.getKey(), deployment.getMetadata().getName()).isTrue();
                if (setting.getValue().startsWith("file:")) {
                    assertMountedFile(deployment, setting.getValue().substring("file:".length()));
                }
            }
            for (String secretFile : secretsDirectoryFiles(deployment)) {
                assertThat(SPRING.isProperty(secretFile)).as("secret file %s names a Spring property", secretFile).isTrue();
            }
        }
    }

    /** Environment of the service: its ConfigMaps' keys and its own variables (JVM flags are not Spring's). */
    private static Map<String, String> settings(Render render, Container container) {
        Map<String, String> settings = new java.util.TreeMap<>();
        for (EnvFromSource from : container.getEnvFrom()) {
            settings.putAll(render.get(ConfigMap.class, from.getConfigMapRef().getName()).getData());
        }
        container.getEnv().stream().filter(e -> !e.getName().equals("JAVA_TOOL_OPTIONS"))
                .forEach(e -> settings.put(e.getName(), e.getValue()));
        assertThat(settings).isNotEmpty();
        return settings;
    }

    /** The files of the secrets directory (pushway.secrets-dir's default): one per property. */
    private static List<String> secretsDirectoryFiles(Deployment deployment) {
        Volume volume = volumeMountedAt(deployment, "/run/secrets/pushway");
        return volume.getProjected().getSources().stream().flatMap(s -> s.getSecret().getItems().stream())
                .map(KeyToPath::getPath).toList();
    }

    private static void assertMountedFile(Deployment deployment, String file) {
        String directory = file.substring(0, file.lastIndexOf('/'));
        Volume volume = volumeMountedAt(deployment, directory);
        List<KeyToPath> items = volume.getSecret() != null ? volume.getSecret().getItems() : volume.getConfigMap().getItems();
        assertThat(items).extracting(KeyToPath::getPath).as("files of volume %s", volume.getName())
                .contains(file.substring(directory.length() + 1));
    }

    private static Volume volumeMountedAt(Deployment deployment, String directory) {
        var pod = deployment.getSpec().getTemplate().getSpec();
        String volumeName = pod.getContainers().get(0).getVolumeMounts().stream()
                .filter(m -> m.getMountPath().equals(directory)).map(VolumeMount::getName).findFirst()
                .orElseThrow(() -> new AssertionError(deployment.getMetadata().getName() + " mounts nothing at " + directory));
        return pod.getVolumes().stream().filter(v -> v.getName().equals(volumeName)).findFirst().orElseThrow();
    }

    private static Set<String> secret(Map<String, Set<String>> secrets, String name) {
        assertThat(secrets).as("Secrets in the render, documented or written by Strimzi").containsKey(name);
        return secrets.get(name);
    }

    private static void assertKeys(Set<String> keys, List<KeyToPath> items, String volume) {
        assertThat(items).extracting(KeyToPath::getKey).as("keys volume %s reads", volume).isSubsetOf(keys);
    }

    private static void assertHealthProbe(Probe probe, String path) {
        assertThat(probe).isNotNull();
        assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
        assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("management");
    }

    private static String env(Container container, String name) {
        return container.getEnv().stream().filter(e -> e.getName().equals(name)).map(EnvVar::getValue).findFirst()
                .orElseThrow(() -> new AssertionError(container.getName() + " sets no " + name));
    }
}
