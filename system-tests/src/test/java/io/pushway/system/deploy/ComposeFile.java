package io.pushway.system.deploy;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code docker-compose.yml} as Compose reads it (YAML merge keys resolved), with the few parts the
 * checks look at in one shape whichever Compose syntax the file uses.
 */
record ComposeFile(Map<String, Object> yaml) {

    static ComposeFile read(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file)) {
            return new ComposeFile(new Yaml().load(in));
        }
    }

    Map<String, Service> services() {
        Map<String, Service> services = new LinkedHashMap<>();
        map(yaml.get("services")).forEach((name, spec) -> services.put(name, new Service(name, map(spec))));
        return services;
    }

    Service service(String name) {
        Service service = services().get(name);
        if (service == null) {
            throw new AssertionError("no service " + name);
        }
        return service;
    }

    Map<String, Object> volumes() {
        return map(yaml.get("volumes"));
    }

    /** A mount of a service: {@code bind} (source is a host path) or {@code volume} (a named volume). */
    record Mount(String type, String source, String target) {
    }

    /** A published port: host address (empty: all), host port, container port. */
    record Published(String address, int port, int containerPort) {
    }

    record Service(String name, Map<String, Object> spec) {

        String image() {
            return (String) spec.get("image");
        }

        boolean oneShot() {
            return "no".equals(spec.get("restart"));
        }

        Map<String, Object> healthcheck() {
            return map(spec.get("healthcheck"));
        }

        /** Environment in map syntax, values as text. */
        Map<String, String> environment() {
            Map<String, String> environment = new LinkedHashMap<>();
            map(spec.get("environment")).forEach((name, value) -> environment.put(name, String.valueOf(value)));
            return environment;
        }

        /** depends_on in long syntax: target service → condition. */
        Map<String, String> dependsOn() {
            Map<String, String> conditions = new LinkedHashMap<>();
            map(spec.get("depends_on")).forEach((name, value) -> conditions.put(name, (String) map(value).get("condition")));
            return conditions;
        }

        List<Mount> mounts() {
            return list(spec.get("volumes")).stream().map(Service::mount).toList();
        }

        List<Published> ports() {
            return list(spec.get("ports")).stream().map(port -> {
                String[] parts = String.valueOf(port).split(":");
                int n = parts.length;
                return new Published(n == 3 ? parts[0] : "", Integer.parseInt(parts[n - 2]), Integer.parseInt(parts[n - 1]));
            }).toList();
        }

        private static Mount mount(Object volume) {
            if (volume instanceof Map<?, ?> long_) {
                return new Mount((String) long_.get("type"), (String) long_.get("source"), (String) long_.get("target"));
            }
            String[] parts = ((String) volume).split(":");
            boolean path = parts[0].startsWith(".") || parts[0].startsWith("/");
            return new Mount(path ? "bind" : "volume", parts[0], parts[1]);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return value == null ? List.of() : (List<Object>) value;
    }
}
