package io.pushway.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The configuration properties the services understand: Spring Boot's (the configuration metadata of
 * the starters the services use) and the project's own (every key and {@code ${placeholder}} of the
 * services' YAML files). Names environment variables and secret files map to by relaxed binding.
 */
final class SpringProperties {

    private static final List<String> PROJECT_FILES = List.of("shared-model/src/main/resources/pushway-common.yml",
            "ingest-service/src/main/resources/application.yml", "delivery-service/src/main/resources/application.yml");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z0-9.\\-]+)[:}]");

    private final Set<String> properties = new HashSet<>();

    /** Properties whose value is a map: any key below them binds. */
    private final Set<String> maps = new HashSet<>();

    SpringProperties() {
        readBootMetadata();
        PROJECT_FILES.forEach(this::readProjectFile);
    }

    /** Whether {@code SPRING_DATA_REDIS_HOST}-style names a known property (or a key of a known map). */
    boolean isEnvironmentVariable(String name) {
        return properties.stream().anyMatch(p -> environmentForms(p).contains(name))
                || maps.stream().anyMatch(m -> environmentForms(m).stream().anyMatch(f -> name.startsWith(f + "_")));
    }

    /** Whether a canonical name ({@code spring.data.redis.password}) is a known property or map key. */
    boolean isProperty(String name) {
        return properties.contains(name) || maps.stream().anyMatch(m -> name.startsWith(m + "."));
    }

    int size() {
        return properties.size();
    }

    /** Both forms Spring binds: dashes dropped ({@code BOOTSTRAPSERVERS}) or, the legacy one, as underscores. */
    private static Set<String> environmentForms(String property) {
        String upper = property.toUpperCase().replace('.', '_');
        return new HashSet<>(List.of(upper.replace("-", ""), upper.replace('-', '_')));
    }

    private void readBootMetadata() {
        try {
            for (String resource : List.of("META-INF/spring-configuration-metadata.json",
                    "META-INF/additional-spring-configuration-metadata.json")) {
                for (URL url : Collections.list(getClass().getClassLoader().getResources(resource))) {
                    try (InputStream in = url.openStream()) {
                        for (JsonNode property : StrictModel.JSON.readTree(in).path("properties")) {
                            String name = property.path("name").asText();
                            properties.add(name);
                            if (property.path("type").asText().startsWith("java.util.Map")) {
                                maps.add(name);
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void readProjectFile(String file) {
        String text = Repository.read(file);
        Matcher placeholder = PLACEHOLDER.matcher(text);
        while (placeholder.find()) {
            properties.add(placeholder.group(1));
        }
        try {
            for (JsonNode document : StrictModel.YAML.readerFor(JsonNode.class).<JsonNode>readValues(text).readAll()) {
                addKeys("", document);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void addKeys(String prefix, JsonNode node) {
        if (!node.isObject()) {
            properties.add(prefix);
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            addKeys(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue());
        }
    }
}
