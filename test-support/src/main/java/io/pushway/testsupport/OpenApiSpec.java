package io.pushway.testsupport;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.Yaml;

/** The committed API description, {@code docs/openapi/pushway.yaml}, as "METHOD path" operations. */
public final class OpenApiSpec {

    private OpenApiSpec() {
    }

    /** Every documented operation, e.g. {@code POST /api/v1/messages}. */
    @SuppressWarnings("unchecked")
    public static Set<String> operations() {
        try (Reader in = Files.newBufferedReader(RepositoryRoot.path().resolve("docs/openapi/pushway.yaml"))) {
            Map<String, Object> spec = new Yaml().load(in);
            Set<String> operations = new TreeSet<>();
            ((Map<String, Map<String, Object>>) spec.get("paths")).forEach((path, methods) ->
                    methods.keySet().forEach(method -> operations.add(method.toUpperCase(Locale.ROOT) + " " + path)));
            return operations;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
