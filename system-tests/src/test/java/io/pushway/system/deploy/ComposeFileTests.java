package io.pushway.system.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.pushway.system.deploy.ComposeFile.Mount;
import io.pushway.system.deploy.ComposeFile.Published;
import io.pushway.system.deploy.ComposeFile.Service;
import io.pushway.testsupport.RepositoryRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code docker-compose.yml} holds together without a container engine to run it: every part is
 * there, every file it mounts exists (or is one deploy/local/pki.sh makes), dependencies wait for
 * what their targets can report, host ports are distinct, our images are the ones Jib builds, the
 * load balancer gets every variable of its configuration, and Prometheus scrapes the compose services.
 */
class ComposeFileTests {

    private static final Path ROOT = RepositoryRoot.path();
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(PUSHWAY_[A-Z0-9_]+)}");

    private final ComposeFile compose = read();

    @Test
    void runsTheWholeStack() {
        assertThat(compose.services()).containsOnlyKeys("secrets", "kafka", "kafka-init", "redis", "ingest",
                "delivery-1", "delivery-2", "lb", "prometheus", "grafana");
        assertThat(compose.yaml().get("name")).isEqualTo("pushway");
    }

    @Test
    void mountsOnlyFilesOfTheRepositoryOrOfPki(@TempDir Path local) throws Exception {
        run(ROOT.resolve("deploy/local/pki.sh").toString(), local.toString());

        for (Service service : compose.services().values()) {
            for (Mount mount : service.mounts()) {
                if (mount.type().equals("volume")) {
                    assertThat(compose.volumes()).as(service.name() + " volume").containsKey(mount.source());
                } else if (mount.source().startsWith("./.local/")) {
                    assertThat(local.resolve(mount.source().substring("./.local/".length())))
                            .as(service.name() + " mounts what pki.sh makes").exists();
                } else {
                    assertThat(mount.source()).as(service.name()).startsWith("./");
                    assertThat(ROOT.resolve(mount.source())).as(service.name() + " mounts a repository file").exists();
                }
            }
        }
        Matcher input = Pattern.compile("/in/([a-z]+/[a-z.-]+\\.pem)")
                .matcher(Files.readString(ROOT.resolve("deploy/compose/init-secrets.sh")));
        while (input.find()) {
            assertThat(local.resolve(input.group(1))).as("init-secrets.sh reads what pki.sh makes").exists();
        }
    }

    @Test
    void dependenciesWaitForWhatTheirTargetsReport() {
        for (Service service : compose.services().values()) {
            service.dependsOn().forEach((target, condition) -> {
                Service dependency = compose.service(target);
                switch (condition) {
                    case "service_healthy" -> assertThat(dependency.healthcheck()).as(target).containsKey("test");
                    case "service_completed_successfully" -> assertThat(dependency.oneShot()).as(target).isTrue();
                    default -> throw new AssertionError(service.name() + " waits for " + target + ": " + condition);
                }
            });
        }
        for (String service : List.of("ingest", "delivery-1", "delivery-2")) {
            assertThat(compose.service(service).dependsOn()).containsOnlyKeys("secrets", "kafka-init", "redis");
        }
        assertThat(compose.service("lb").dependsOn()).containsOnlyKeys("ingest", "delivery-1", "delivery-2");
    }

    @Test
    void everyLongRunningServiceHasAHealthCheckOnReadiness() {
        for (Service service : compose.services().values()) {
            assertThat(service.oneShot() || service.healthcheck().containsKey("test"))
                    .as(service.name() + " has a health check").isTrue();
        }
        for (String service : List.of("ingest", "delivery-1", "delivery-2")) {
            Service replica = compose.service(service);
            assertThat(replica.healthcheck().get("test")).asList()
                    .contains(replica.environment().get("MANAGEMENT_SERVER_PORT"), "/actuator/health/readiness");
        }
    }

    @Test
    void publishesEachHostPortOnce() {
        List<Integer> ports = new ArrayList<>();
        compose.services().values().forEach(service -> service.ports().forEach(port -> ports.add(port.port())));
        assertThat(ports).doesNotHaveDuplicates().contains(8443);
        for (Service service : compose.services().values()) {
            for (Published port : service.ports()) {
                assertThat(port.address().equals("127.0.0.1") || service.name().equals("lb"))
                        .as(service.name() + " publishes " + port.port() + " on the loopback only").isTrue();
            }
        }
    }

    @Test
    void runsTheImagesJibBuilds() throws IOException {
        Map<String, String> modules = Map.of("ingest", "ingest-service", "delivery-1", "delivery-service",
                "delivery-2", "delivery-service");
        for (Service service : compose.services().values()) {
            if (service.image().startsWith("pushway/")) {
                String module = modules.get(service.name());
                assertThat(service.image()).isEqualTo("pushway/" + module + ":${PUSHWAY_VERSION:-latest}");
                assertThat(ImageTarball.read(ImageTarball.of(ROOT, module)).manifest().get("RepoTags").toString())
                        .contains("\"pushway/" + module + ":latest\"");
            }
        }
        assertThat(compose.services().values()).filteredOn(service -> service.image().startsWith("pushway/"))
                .extracting(Service::name).containsExactlyInAnyOrderElementsOf(modules.keySet());
    }

    @Test
    void theLoadBalancerGetsEveryVariableOfItsConfiguration() throws IOException {
        Service lb = compose.service("lb");
        Map<String, String> env = lb.environment();
        Set<String> read = new TreeSet<>();
        Matcher variable = VARIABLE.matcher(Files.readString(ROOT.resolve("deploy/haproxy/haproxy.cfg")));
        while (variable.find()) {
            read.add(variable.group(1));
        }
        assertThat(read).contains("PUSHWAY_LB_PORT", "PUSHWAY_LB_CERT", "PUSHWAY_LB_CA", "PUSHWAY_INGEST_1",
                "PUSHWAY_INGEST_1_CHECK", "PUSHWAY_DELIVERY_1", "PUSHWAY_DELIVERY_1_CHECK", "PUSHWAY_DELIVERY_2",
                "PUSHWAY_DELIVERY_2_CHECK");
        assertThat(env).containsKeys(read.toArray(String[]::new)).containsKey("PUSHWAY_LB_STATS_PORT");

        for (String backend : List.of("INGEST_1", "DELIVERY_1", "DELIVERY_2")) {
            String[] address = env.get("PUSHWAY_" + backend).split(":");
            Map<String, String> replica = compose.service(address[0]).environment();
            assertThat(address[1]).as(backend).isEqualTo(replica.get("SERVER_PORT"));
            assertThat(env.get("PUSHWAY_" + backend + "_CHECK")).as(backend).isEqualTo(replica.get("MANAGEMENT_SERVER_PORT"));
        }
        assertThat(lb.ports()).extracting(Published::containerPort).contains(Integer.parseInt(env.get("PUSHWAY_LB_PORT")));
        assertThat(lb.mounts()).extracting(Mount::target).contains("/usr/local/etc/haproxy/haproxy.cfg");
        for (String file : List.of("PUSHWAY_LB_CERT", "PUSHWAY_LB_CA")) {
            assertThat(lb.mounts()).as(file).anyMatch(mount -> env.get(file).startsWith(mount.target() + "/"));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void prometheusScrapesTheManagementPortOfEveryReplica() throws IOException {
        Service prometheus = compose.service("prometheus");
        Path config = bindSource(prometheus, "/etc/prometheus/prometheus.yml");
        List<String> scraped = new ArrayList<>();
        for (Map<String, Object> job : (List<Map<String, Object>>) yaml(config).get("scrape_configs")) {
            for (Map<String, Object> sd : (List<Map<String, Object>>) job.get("file_sd_configs")) {
                for (String file : (List<String>) sd.get("files")) {
                    Path targets = bindSource(prometheus, "/etc/prometheus/" + file);
                    for (Map<String, Object> group : (List<Map<String, Object>>) new Yaml().load(Files.readString(targets))) {
                        scraped.addAll((List<String>) group.get("targets"));
                    }
                }
            }
        }
        List<String> replicas = compose.services().values().stream()
                .filter(service -> service.image().startsWith("pushway/"))
                .map(service -> service.name() + ":" + service.environment().get("MANAGEMENT_SERVER_PORT")).toList();
        assertThat(scraped).containsExactlyInAnyOrderElementsOf(replicas);
        assertThat(bindSource(prometheus, "/etc/prometheus/alerts.yml")).exists();
    }

    @Test
    @SuppressWarnings("unchecked")
    void grafanaShowsTheDashboardFromPrometheus() throws IOException {
        Service grafana = compose.service("grafana");
        Path provisioning = bindSource(grafana, "/etc/grafana/provisioning");
        Map<String, Object> datasource = ((List<Map<String, Object>>) yaml(provisioning.resolve("datasources/prometheus.yml"))
                .get("datasources")).get(0);
        assertThat(datasource).containsEntry("type", "prometheus").containsEntry("isDefault", true)
                .containsEntry("url", "http://prometheus:" + compose.service("prometheus").ports().get(0).containerPort());

        Map<String, Object> provider = ((List<Map<String, Object>>) yaml(provisioning.resolve("dashboards/pushway.yml"))
                .get("providers")).get(0);
        String folder = (String) ((Map<String, Object>) provider.get("options")).get("path");
        assertThat(bindSource(grafana, folder + "/pushway-dashboard.json"))
                .isEqualTo(ROOT.resolve("deploy/observability/grafana/pushway-dashboard.json"));
    }

    /** The repository path mounted at {@code target} (itself or in a mounted directory) of a service. */
    private static Path bindSource(Service service, String target) {
        for (Mount mount : service.mounts()) {
            if (mount.type().equals("bind") && (target.equals(mount.target()) || target.startsWith(mount.target() + "/"))) {
                return ROOT.resolve(mount.source()).resolve(target.substring(mount.target().length()).replaceFirst("^/", ""))
                        .normalize();
            }
        }
        throw new AssertionError(service.name() + " mounts nothing at " + target);
    }

    private static Map<String, Object> yaml(Path file) throws IOException {
        return new Yaml().load(Files.readString(file));
    }

    private static ComposeFile read() {
        try {
            return ComposeFile.read(ROOT.resolve("docker-compose.yml"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }
}
