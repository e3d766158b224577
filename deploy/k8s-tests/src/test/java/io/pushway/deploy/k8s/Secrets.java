package io.pushway.deploy.k8s;

import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.user.KafkaUser;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The Secrets the manifests may refer to without containing them, with their keys: those the operator
 * creates (the table "Secrets to create" in k8s/README.md, read from there so the documentation cannot
 * drift) and those Strimzi writes for the Kafka cluster and users of the render.
 */
final class Secrets {

    private static final Pattern ROW = Pattern.compile("^\\| `([a-z0-9.-]+)` \\| ([^|]+) \\|");
    private static final Pattern KEY = Pattern.compile("`([^`]+)`");

    private Secrets() {
    }

    /** Secret name to its keys. */
    static Map<String, Set<String>> available(Render render) {
        Map<String, Set<String>> secrets = new HashMap<>(documented());
        for (Kafka kafka : render.all(Kafka.class)) {
            secrets.put(kafka.getMetadata().getName() + "-cluster-ca-cert", Set.of("ca.crt", "ca.p12", "ca.password"));
        }
        for (KafkaUser user : render.all(KafkaUser.class)) {
            secrets.put(user.getMetadata().getName(), Set.of("password", "sasl.jaas.config"));
        }
        return secrets;
    }

    static Map<String, Set<String>> documented() {
        String readme = Repository.read("k8s/README.md");
        int start = readme.indexOf("\n## Secrets to create");
        if (start < 0) {
            throw new AssertionError("k8s/README.md has no section \"Secrets to create\"");
        }
        int end = readme.indexOf("\n## ", start + 1);
        List<String> lines = Arrays.asList(readme.substring(start, end < 0 ? readme.length() : end).split("\n"));
        Map<String, Set<String>> secrets = new HashMap<>();
        for (String line : lines) {
            Matcher row = ROW.matcher(line);
            if (row.find()) {
                secrets.put(row.group(1), KEY.matcher(row.group(2)).results().map(m -> m.group(1)).collect(Collectors.toSet()));
            }
        }
        return secrets;
    }
}
