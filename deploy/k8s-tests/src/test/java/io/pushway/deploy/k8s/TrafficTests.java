package io.pushway.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.strimzi.api.kafka.model.kafka.Kafka;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** How requests reach the pods: the Ingress routes and the NetworkPolicies. */
class TrafficTests {

    static Stream<Render> renders() {
        return Render.ALL.stream().map(Render::of);
    }

    @ParameterizedTest
    @MethodSource("renders")
    void ingressBackendsNameExistingServicePorts(Render render) {
        for (HTTPIngressPath path : paths(render)) {
            var backend = path.getBackend().getService();
            Service service = render.get(Service.class, backend.getName());
            assertThat(service.getSpec().getPorts()).extracting(ServicePort::getName).contains(backend.getPort().getName());
        }
        for (Ingress ingress : render.all(Ingress.class)) {
            ingress.getSpec().getTls().forEach(tls -> assertThat(Secrets.documented()).containsKey(tls.getSecretName()));
        }
    }

    /**
     * Every operation of the OpenAPI document, whose summary names the service that serves it, goes
     * there. Routing as ingress-nginx does with {@code use-regex}: paths of the host are tried longest
     * first, each a case-insensitive regular expression anchored at the start.
     */
    @ParameterizedTest
    @MethodSource("renders")
    void everyApiPathIsRoutedToTheServiceThatServesIt(Render render) throws IOException {
        Map<String, Set<String>> servedBy = new TreeMap<>();
        for (String service : List.of("ingest", "delivery")) {
            JsonNode api = StrictModel.YAML.readTree(Repository.read("docs/openapi/" + service + ".yaml")).path("paths");
            api.fieldNames().forEachRemaining(path -> servedBy.computeIfAbsent(path, p -> new TreeSet<>()).add(service));
        }
        List<HTTPIngressPath> byLength = paths(render).stream()
                .sorted(Comparator.comparingInt((HTTPIngressPath p) -> p.getPath().length()).reversed()).toList();
        servedBy.forEach((path, services) -> {
            String concrete = path.replace("{id}", "0193a1b2-7c3d-7e4f-8a5b-6c7d8e9f0a1b");
            String routed = byLength.stream()
                    .filter(p -> Pattern.compile("^" + p.getPath(), Pattern.CASE_INSENSITIVE).matcher(concrete).find())
                    .map(p -> p.getBackend().getService().getName()).findFirst().orElse("nothing");
            assertThat(services).as("the service %s is routed to", concrete).contains(routed);
        });
        assertThat(servedBy).hasSizeGreaterThanOrEqualTo(8);
    }

    @ParameterizedTest
    @MethodSource("renders")
    void networkPoliciesSelectPodsAndAdmitOnlyPortsTheyHave(Render render) {
        for (NetworkPolicy policy : render.all(NetworkPolicy.class)) {
            Map<String, String> selector = policy.getSpec().getPodSelector().getMatchLabels();
            if (selector == null || selector.isEmpty()) {
                assertThat(policy.getSpec().getIngress()).as("a policy for all pods only denies").isNullOrEmpty();
                continue;
            }
            List<Workload> selected = Workload.selectedBy(render, selector);
            assertThat(selected).as("pods of NetworkPolicy %s", policy.getMetadata().getName()).hasSize(1);
            for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
                for (NetworkPolicyPort port : rule.getPorts()) {
                    assertThat(selected.get(0).hasPort(port.getPort().getStrVal())).as("port %s", port.getPort()).isTrue();
                }
                for (NetworkPolicyPeer peer : rule.getFrom()) {
                    if (peer.getPodSelector() != null) {
                        assertThat(Workload.selectedBy(render, peer.getPodSelector().getMatchLabels())).hasSize(1);
                    }
                }
            }
        }
    }

    /** The public port only from ingress-nginx, the plain-HTTP management port only from monitoring. */
    @ParameterizedTest
    @MethodSource("renders")
    void servicePortsAreOpenOnlyToTheirCallers(Render render) {
        for (Service service : render.all(Service.class)) {
            Workload workload = Workload.selectedBy(render, service.getSpec().getSelector()).get(0);
            NetworkPolicy policy = render.all(NetworkPolicy.class).stream()
                    .filter(p -> workload.podsCarry(p.getSpec().getPodSelector().getMatchLabels())).findFirst()
                    .orElseThrow(() -> new AssertionError("no NetworkPolicy admits traffic to " + workload.name()));
            for (ServicePort port : service.getSpec().getPorts()) {
                List<String> callers = policy.getSpec().getIngress().stream()
                        .filter(r -> r.getPorts().stream().map(NetworkPolicyPort::getPort).map(IntOrString::getStrVal)
                                .anyMatch(port.getName()::equals))
                        .flatMap(r -> r.getFrom().stream()).map(TrafficTests::caller).toList();
                String expected = switch (port.getName()) {
                    case "https" -> "namespace ingress-nginx";
                    case "management" -> "namespace monitoring";
                    default -> "pods";
                };
                assertThat(callers).as("callers of %s port %s", service.getMetadata().getName(), port.getName())
                        .isNotEmpty().allMatch(c -> c.startsWith(expected));
            }
        }
        for (Kafka kafka : render.all(Kafka.class)) {
            kafka.getSpec().getKafka().getListeners().forEach(listener -> assertThat(listener.getNetworkPolicyPeers())
                    .extracting(peer -> Workload.selectedBy(render, peer.getPodSelector().getMatchLabels()).get(0).name())
                    .containsExactlyInAnyOrder("ingest", "delivery"));
        }
    }

    private static String caller(NetworkPolicyPeer peer) {
        if (peer.getNamespaceSelector() != null) {
            return "namespace " + peer.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name");
        }
        return "pods " + peer.getPodSelector().getMatchLabels();
    }

    private static List<HTTPIngressPath> paths(Render render) {
        List<HTTPIngressPath> paths = render.all(Ingress.class).stream().flatMap(i -> i.getSpec().getRules().stream())
                .map(IngressRule::getHttp).flatMap(h -> h.getPaths().stream()).toList();
        assertThat(paths).isNotEmpty();
        return paths;
    }
}
