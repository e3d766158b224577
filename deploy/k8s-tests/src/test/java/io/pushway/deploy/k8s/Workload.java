package io.pushway.deploy.k8s;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** A Deployment or StatefulSet of a render: what it selects and the pods it runs. */
record Workload(String kind, String name, LabelSelector selector, PodTemplateSpec template) {

    static List<Workload> of(Render render) {
        return Stream.concat(
                render.all(Deployment.class).stream().map(d -> new Workload("Deployment", d.getMetadata().getName(),
                        d.getSpec().getSelector(), d.getSpec().getTemplate())),
                render.all(StatefulSet.class).stream().map(s -> new Workload("StatefulSet", s.getMetadata().getName(),
                        s.getSpec().getSelector(), s.getSpec().getTemplate()))).toList();
    }

    /** The workloads whose pods a selector picks (matchLabels only: these manifests use no expressions). */
    static List<Workload> selectedBy(Render render, Map<String, String> matchLabels) {
        return of(render).stream().filter(w -> w.podsCarry(matchLabels)).toList();
    }

    boolean podsCarry(Map<String, String> labels) {
        return !labels.isEmpty() && template.getMetadata().getLabels().entrySet().containsAll(labels.entrySet());
    }

    PodSpec pod() {
        return template.getSpec();
    }

    List<Container> containers() {
        return pod().getContainers();
    }

    /** The container port of that name, in any container. */
    ContainerPort port(String portName) {
        return containers().stream().flatMap(c -> c.getPorts().stream()).filter(p -> portName.equals(p.getName()))
                .findFirst().orElseThrow(() -> new AssertionError(kind + " " + name + " has no container port " + portName));
    }

    boolean hasPort(String portName) {
        return containers().stream().flatMap(c -> c.getPorts().stream()).anyMatch(p -> portName.equals(p.getName()));
    }
}
