package io.pushway.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pushway.testsupport.RepositoryRoot;
import io.pushway.testsupport.SseStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code deploy/observability} holds together: Prometheus accepts the configuration and the rules,
 * the rules' unit tests pass ({@code promtool}), and every metric the rules and the Grafana dashboard
 * use is exported by the running services.
 */
class ObservabilitySystemTests {

    private static final Path DIR = RepositoryRoot.path().resolve("deploy/observability");
    private static final Pattern METRIC = Pattern.compile("\\b((?:pushway|kafka|http_server|resilience4j)_[a-z_]+)\\b");

    private final SystemStack stack = SystemStack.shared();

    @Test
    void promtoolAcceptsTheConfigurationAndTheRulesPassTheirTests() throws Exception {
        promtool("check", "config", DIR.resolve("prometheus.yml").toString());
        promtool("check", "rules", DIR.resolve("alerts.yml").toString());
        promtool("test", "rules", DIR.resolve("alerts.test.yml").toString());
    }

    @Test
    void everyMetricTheRulesAndTheDashboardUseIsExported() throws Exception {
        Set<String> used = new TreeSet<>();
        for (Path file : new Path[] {DIR.resolve("alerts.yml"), DIR.resolve("grafana/pushway-dashboard.json")}) {
            Matcher metric = METRIC.matcher(Files.readString(file));
            while (metric.find()) {
                used.add(metric.group(1));
            }
        }
        assertThat(used).contains("pushway_published_total", "pushway_delivery_latency_seconds_bucket",
                "kafka_consumer_fetch_manager_records_lag_max", "resilience4j_circuitbreaker_state",
                "resilience4j_bulkhead_available_concurrent_calls");

        // Traffic, so every lazily registered series exists: a publish, a delivery on a stream, an ack.
        String recipient = "observed-" + UUID.randomUUID();
        SystemStack.Service delivery = stack.deliveries().get(0);
        String subscriber = stack.token(recipient, "push.subscribe");
        try (SseStream stream = SseStream.open(stack.keys(), delivery.url("/api/v1/stream"), subscriber, null)
                .awaitConnected(Duration.ofSeconds(20))) {
            String id = (String) Api.parse(new Api(stack, "observer-" + UUID.randomUUID())
                    .publish("{\"recipients\":[\"" + recipient + "\"],\"payload\":1}").body()).get("id");
            assertThat(stream.next(Duration.ofSeconds(20))).isNotNull();
            int acked = stack.https().send(HttpRequest.newBuilder(URI.create(delivery.url("/api/v1/messages/" + id + "/ack")))
                    .header("Authorization", "Bearer " + subscriber).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
            assertThat(acked).isEqualTo(204);
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            // The record may have been taken in by either delivery replica: read them all.
            StringBuilder exported = new StringBuilder(scrape(stack.ingest()));
            for (SystemStack.Service replica : stack.deliveries()) {
                exported.append(scrape(replica));
            }
            assertThat(used).allSatisfy(name -> assertThat(exported).as(name).containsPattern("(?m)^" + name + "[{ ]"));
        });
    }

    private static String scrape(SystemStack.Service service) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + service.managementPort() + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static void promtool(String... arguments) throws Exception {
        String[] command = new String[arguments.length + 1];
        command[0] = "promtool";
        System.arraycopy(arguments, 0, command, 1, arguments.length);
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("promtool not found: install Debian's prometheus package (.ci/run does)", e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
    }
}
