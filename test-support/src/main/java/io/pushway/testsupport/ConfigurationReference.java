package io.pushway.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps the configuration reference in {@code docs/operations.md} true: compares its table with the
 * {@code pushway.*} properties a service really has, as the configuration processor recorded them
 * ({@code META-INF/spring-configuration-metadata.json} of the service and of shared-model).
 */
public final class ConfigurationReference {

    /** A row of the table: {@code | `name` | `default` or — | services | meaning |}. */
    private static final Pattern ROW = Pattern.compile("^\\| `(pushway\\.[a-z0-9.\\-]+)` \\| ([^|]*) \\| ([^|]*) \\|");
    private static final String SECTION = "## Configuration reference";

    /** A documented property: its default as written (without backticks; "" for none) and its services. */
    record Documented(String defaultValue, List<String> services) {
    }

    private ConfigurationReference() {
    }

    /**
     * Every problem with the reference for {@code service} ("ingest" or "delivery"): properties the
     * service has that are not documented, documented defaults that differ from the real ones, and
     * rows naming the service for properties it does not have. Empty when the reference is right.
     */
    public static List<String> problems(String service) {
        Map<String, String> actual = metadata();
        Map<String, Documented> documented = documented(RepositoryRoot.path().resolve("docs/operations.md"));
        List<String> problems = new ArrayList<>();
        actual.forEach((name, defaultValue) -> {
            Documented row = documented.get(name);
            if (row == null) {
                problems.add(name + " is not in docs/operations.md#configuration-reference");
            } else if (!row.services().contains(service)) {
                problems.add(name + " is documented without the service " + service);
            } else if (!defaultValue.equals(row.defaultValue())) {
                problems.add(name + " defaults to '" + defaultValue + "', documented as '" + row.defaultValue() + "'");
            }
        });
        documented.forEach((name, row) -> {
            if (row.services().contains(service) && !actual.containsKey(name)) {
                problems.add(name + " is documented for " + service + " but " + service + " has no such property");
            }
        });
        return problems;
    }

    /** The {@code pushway.*} properties on the class path, with their defaults as text ("" for none). */
    static Map<String, String> metadata() {
        Map<String, String> properties = new TreeMap<>();
        JsonMapper json = JsonMapper.builder().build();
        try {
            for (URL url : Collections.list(ConfigurationReference.class.getClassLoader()
                    .getResources("META-INF/spring-configuration-metadata.json"))) {
                try (InputStream in = url.openStream()) {
                    for (JsonNode property : json.readTree(in).path("properties")) {
                        String name = property.path("name").asString();
                        if (name.startsWith("pushway.")) {
                            properties.put(name, text(property.path("defaultValue")));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    private static String text(JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            return "";
        }
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(item -> items.add(item.asString()));
            return String.join(", ", items);
        }
        return value.asString();
    }

    static Map<String, Documented> documented(Path doc) {
        List<String> lines;
        try {
            lines = Files.readAllLines(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int start = lines.indexOf(SECTION);
        if (start < 0) {
            throw new IllegalStateException(doc + " has no '" + SECTION + "' section");
        }
        Map<String, Documented> rows = new TreeMap<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("## ")) {
                break;
            }
            Matcher row = ROW.matcher(line);
            if (row.find()) {
                String value = row.group(2).trim();
                rows.put(row.group(1), new Documented(value.equals("—") ? "" : value.replace("`", ""),
                        List.of(row.group(3).trim().split(",\\s*"))));
            }
        }
        return rows;
    }
}
