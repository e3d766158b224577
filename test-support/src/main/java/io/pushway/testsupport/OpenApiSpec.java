package io.pushway.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

/**
 * The committed API descriptions, {@code docs/openapi/<service>.yaml}, generated from each service's
 * served OpenAPI document: normalised (keys sorted, no {@code servers}, which depend on where it
 * runs), so that a test can tell when the code and the committed file drift apart.
 */
public final class OpenApiSpec {

    /** The services with an OpenAPI document, by file name. */
    public static final List<String> SERVICES = List.of("ingest", "delivery");

    /** The system property that makes {@link #assertCommitted} write the file instead of comparing. */
    public static final String WRITE = "openapi.write";

    private OpenApiSpec() {
    }

    /** The OpenAPI document (YAML) a service serves on its management port. */
    public static String served(int managementPort) {
        return get(managementPort, "/actuator/openapi/yaml");
    }

    /**
     * Swagger UI's configuration as a service serves it on its management port: where the UI loads the
     * document from, and more.
     */
    public static String swaggerUiConfig(int managementPort) {
        return get(managementPort, "/actuator/swagger-ui/swagger-config");
    }

    /**
     * The body of a plain HTTP GET of {@code path} on the loopback management port; fails unless 200.
     * A fresh JDK client per call, each attempt bounded: on a loaded CI machine a first request to the
     * management port has been seen to get no answer (through the shared reactor-netty client pool),
     * so an unanswered attempt is retried, twice at most, and reported.
     */
    public static String get(int managementPort, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path))
                .timeout(Duration.ofSeconds(10)).build();
        HttpTimeoutException unanswered = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            try {
                HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new AssertionError("GET " + path + " answered " + response.statusCode());
                }
                return response.body();
            } catch (HttpTimeoutException e) {
                unanswered = e;
                System.err.printf("GET %s on the management port: no answer in 10 s (attempt %d)%n", path, attempt);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("GET " + path + " on the management port got no answer in 3 attempts", unanswered);
    }

    /** The committed file of {@code service}, e.g. {@code docs/openapi/ingest.yaml}. */
    public static Path file(String service) {
        return RepositoryRoot.path().resolve("docs/openapi/" + service + ".yaml");
    }

    /** Every documented operation of every service, e.g. {@code POST /api/v1/messages}. */
    public static Set<String> operations() {
        Set<String> operations = new TreeSet<>();
        SERVICES.forEach(service -> operations.addAll(operations(service)));
        return operations;
    }

    /** Every documented operation of {@code service}. */
    @SuppressWarnings("unchecked")
    public static Set<String> operations(String service) {
        Map<String, Object> spec = yaml().load(read(file(service)));
        Set<String> operations = new TreeSet<>();
        ((Map<String, Map<String, Object>>) spec.get("paths")).forEach((path, methods) ->
                methods.keySet().forEach(method -> operations.add(method.toUpperCase(Locale.ROOT) + " " + path)));
        return operations;
    }

    /**
     * Fails unless the committed file of {@code service} is {@code served} (YAML or JSON), normalised;
     * with {@code -Dopenapi.write=true} writes it instead.
     */
    public static void assertCommitted(String service, String served, String regenerate) {
        Path file = file(service);
        String expected = normalise(served);
        if (Boolean.getBoolean(WRITE)) {
            write(file, expected);
            return;
        }
        String committed = Files.exists(file) ? read(file) : "";
        if (!committed.equals(expected)) {
            throw new AssertionError(RepositoryRoot.path().relativize(file) + " differs from the OpenAPI document the "
                    + service + " service serves" + firstDifference(committed, expected)
                    + ". If the change is intended, regenerate the file and commit it:\n  " + regenerate + " -D" + WRITE + "=true");
        }
    }

    /** {@code document} with sorted keys and without {@code servers}, as block YAML. */
    @SuppressWarnings("unchecked")
    static String normalise(String document) {
        Map<String, Object> spec = (Map<String, Object>) sorted(yaml().load(document));
        spec.remove("servers");
        return yaml().dump(spec);
    }

    @SuppressWarnings("unchecked")
    private static Object sorted(Object node) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((key, value) -> sorted.put(String.valueOf(key), sorted(value)));
            return sorted;
        }
        if (node instanceof List<?> list) {
            return new ArrayList<>(list.stream().map(OpenApiSpec::sorted).toList());
        }
        return node;
    }

    private static String firstDifference(String committed, String expected) {
        String[] a = committed.split("\n", -1);
        String[] b = expected.split("\n", -1);
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            String was = i < a.length ? a[i] : "<end of file>";
            String is = i < b.length ? b[i] : "<end of file>";
            if (!was.equals(is)) {
                return " from line " + (i + 1) + ":\n  committed: " + was + "\n  served:    " + is + "\n";
            }
        }
        return "";
    }

    /** Block style; multi-line text as literal blocks; no line folding, so diffs stay readable. */
    private static Yaml yaml() {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(0);
        options.setSplitLines(false);
        options.setWidth(Integer.MAX_VALUE);
        Representer representer = new Representer(options) {
            @Override
            protected Node representScalar(Tag tag, String value, DumperOptions.ScalarStyle style) {
                return super.representScalar(tag, value,
                        tag == Tag.STR && value.contains("\n") ? DumperOptions.ScalarStyle.LITERAL : style);
            }
        };
        return new Yaml(representer, options);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
