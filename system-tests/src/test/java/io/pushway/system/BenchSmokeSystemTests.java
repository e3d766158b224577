package io.pushway.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.pushway.bench.Bench;
import io.pushway.bench.Plan;
import io.pushway.bench.Report;
import io.pushway.bench.Result;
import io.pushway.bench.Scale;
import io.pushway.bench.Target;
import io.pushway.testsupport.RepositoryRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.json.JsonParserFactory;

/**
 * The benchmark harness (bench/, docs/performance.md) works: every scenario at smoke scale against the
 * system tests' stack delivers everything it sent, exactly once, and reports latencies, memory and
 * start-up times; the Redis scripts' bench measures each of its cases. It checks the harness, not the numbers.
 */
class BenchSmokeSystemTests {

    private final SystemStack stack = SystemStack.shared();

    @Test
    void everyScenarioAtSmokeScaleDeliversEverythingOnceAndWritesTheReport(@TempDir Path out) throws Exception {
        Report report = Bench.run(target(), new Plan(1, Plan.SCENARIOS, Scale.smoke(), Duration.ofSeconds(15)), out);

        Map<String, Result> results = new LinkedHashMap<>();
        report.runs().get(0).forEach(result -> results.put(result.name(), result));
        assertThat(results).containsOnlyKeys("latency@50/s", "latency@200/s", "sustained", "fan-out", "idle-streams",
                "publish-single-sequential", "publish-single", "publish-refused", "publish-single@200/s",
                "publish-batch", "replay", "catch-up");
        for (String name : List.of("latency@50/s", "latency@200/s", "sustained", "fan-out", "idle-streams", "replay")) {
            Result result = results.get(name);
            assertThat(result.number("delivered")).as(name + " delivered").isPositive();
            assertThat(result.number("lost")).as(name + " lost").isZero();
            assertThat(result.number("duplicates")).as(name + " duplicates").isZero();
            assertThat(result.number("delivered_unconfirmed")).as(name + " delivered without a 202").isZero();
            assertThat(result.number("stream_open_failures")).as(name + " stream failures").isZero();
            assertThat(result.number("streams_dropped")).as(name + " dropped streams").isZero();
            assertThat(result.number("e2e_min_ms")).as(name + " min").isPositive()
                    .isLessThanOrEqualTo(result.number("e2e_p50_ms"));
            assertThat(result.number("e2e_p50_ms")).as(name + " p50").isPositive()
                    .isLessThanOrEqualTo(result.number("e2e_p99_ms"));
            assertThat(result.number("e2e_p99.9_ms")).as(name + " p99.9").isLessThanOrEqualTo(result.number("e2e_max_ms"));
        }
        // The paused replicas took in the whole backlog once they went on, and the CPU it cost them was read.
        Result catchUp = results.get("catch-up");
        assertThat(catchUp.number("sent")).isEqualTo(1000);
        assertThat(catchUp.number("backlog")).isEqualTo(1000 - catchUp.number("not_accepted"));
        assertThat(catchUp.number("lag_at_end")).isZero();
        assertThat(catchUp.number("appended_per_s")).isPositive();
        assertThat(catchUp.metrics()).containsKeys("cpu_us_per_msg_delivery-1", "cpu_us_per_msg_delivery-2");
        assertThat(results.get("latency@200/s").number("sent")).isEqualTo(400);
        assertThat(results.get("latency@200/s").number("delivered_per_sent")).isEqualTo(1.0);
        // Whether a step passes depends on the machine's load; that the ladder ran and measured does not.
        assertThat(results.get("sustained").metrics().get("ladder").toString()).matches("200:(pass|fail)( \\d+:(pass|fail))*");
        assertThat(results.get("sustained").number("sent")).isEqualTo(2 * results.get("sustained").number("offered_per_s"));
        // What a message cost the services, read from their processes, at the ladder's first rate too.
        Result sustained = results.get("sustained");
        assertThat(sustained.number("start_rate")).isEqualTo(200);
        assertThat(sustained.number("cpu_us_per_msg_ingest")).isPositive();
        assertThat(sustained.number("cpu_us_per_msg_delivery-1") + sustained.number("cpu_us_per_msg_delivery-2"))
                .isPositive();
        assertThat(sustained.number("cpu_us_per_msg")).isGreaterThanOrEqualTo(sustained.number("cpu_us_per_msg_ingest"));
        assertThat(sustained.number("start_rate_cpu_us_per_msg")).isGreaterThanOrEqualTo(
                sustained.number("start_rate_cpu_us_per_msg_ingest")).isPositive();
        assertThat(results.get("fan-out").number("delivered")).isEqualTo(2 * 50);
        assertThat(results.get("idle-streams").number("delivered")).isEqualTo(50);
        // Five recipients reconnect with 100 messages waiting each: all 500 arrive, in a measured time, and
        // what replaying them cost the replicas was read.
        Result replay = results.get("replay");
        assertThat(replay.number("delivered")).isEqualTo(500);
        assertThat(replay.number("streams_live")).isEqualTo(5);
        assertThat(replay.number("replay_ms")).isPositive();
        assertThat(replay.number("replayed_per_s")).isPositive();
        assertThat(replay.number("cpu_us_per_msg_delivery-1") + replay.number("cpu_us_per_msg_delivery-2")).isPositive();
        assertThat(results.get("fan-out").number("last_delivery_ms_median")).isPositive();
        // The replicas' CPU was read and the wait for them to be quiet ended (it is at least one window).
        assertThat(results.get("fan-out").number("quiet_wait_s")).isBetween(1.0, 20.0);
        // Holding the topic's streams idle: what each process used per second was read (a 1 s window may
        // round to nothing, so no more than that the stack's figure counts the replicas').
        Result fanOut = results.get("fan-out");
        assertThat(fanOut.metrics()).containsKeys("hold_cpu_ms_per_s_delivery-1", "hold_cpu_ms_per_s_delivery-2",
                "hold_cpu_ms_per_s_bench");
        assertThat(fanOut.number("hold_cpu_ms_per_s")).isGreaterThanOrEqualTo(
                fanOut.number("hold_cpu_ms_per_s_delivery-1") + fanOut.number("hold_cpu_ms_per_s_delivery-2"));

        Result idle = results.get("idle-streams");
        assertThat(idle.number("streams")).isEqualTo(50);
        assertThat(idle.number("streams_live")).isEqualTo(50);
        assertThat(idle.metrics()).containsEntry("gc_by_jcmd", true)
                .containsKeys("rss_kb_per_stream", "heap_kb_per_stream", "memory_kb_per_stream");
        assertThat(idle.number("streams_missing_heartbeats")).isZero();
        assertThat(idle.number("heap_mb_delivery-1")).isPositive();

        for (String name : List.of("publish-single-sequential", "publish-single", "publish-single@200/s",
                "publish-batch")) {
            assertThat(results.get(name).number("accepted")).as(name + " accepted: " + results.get(name).metrics())
                    .isPositive()
                    .isEqualTo(results.get(name).number("messages"));
            assertThat(results.get(name).number("latency_p99_ms")).as(name + " p99").isPositive();
        }
        // What a publish and a refusal cost ingest, read from its process.
        assertThat(results.get("publish-single").number("cpu_us_per_msg_ingest")).isPositive();
        Result refused = results.get("publish-refused");
        assertThat(refused.number("accepted")).isZero();
        assertThat(refused.number("status_401")).as(refused.metrics().toString()).isPositive()
                .isEqualTo(refused.number("requests"));
        assertThat(refused.number("cpu_us_per_msg_ingest")).isPositive();

        Map<String, Object> json = JsonParserFactory.getJsonParser().parseMap(Files.readString(report.json()));
        assertThat(json).containsKeys("machineBefore", "targets", "medians", "runs", "startupSeconds");
        assertThat(json.get("startupSeconds").toString()).contains("ingest=", "delivery-1=", "delivery-2=");
        assertThat(Files.readString(report.markdown())).contains("## Targets", "| e2e p99 at 1,000 msg/s ≤ 10 ms |",
                "## idle-streams", "## Busiest processes");
    }

    @Test
    void theRedisScriptsBenchMeasuresAppendsToAFullFeedAndOneBelowItsCapAndAdvances(@TempDir Path out) throws Exception {
        Path log = out.resolve("redis-scripts.log");
        Process bench = new ProcessBuilder("bash", "bench/redis-scripts.sh", "--runs", "1", "--calls", "2000")
                .directory(RepositoryRoot.path().toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean ended = bench.waitFor(2, TimeUnit.MINUTES);
        if (!ended) {
            bench.destroyForcibly();
        }
        String output = Files.readString(log);

        assertThat(ended).as(output).isTrue();
        assertThat(bench.exitValue()).as(output).isZero();
        assertThat(output).containsPattern("at its cap \\(10,000\\): +median \\d+\\.\\d+")
                .containsPattern("below its cap: +median \\d+\\.\\d+")
                .containsPattern("advance.lua .* to DELIVERED: median \\d+\\.\\d+");
    }

    private Target target() {
        SystemStack.Service ingest = stack.ingest();
        List<SystemStack.Service> live = stack.deliveries().stream().filter(d -> d.process().isAlive()).toList();
        List<Target.Replica> replicas = live.stream()
                .map(d -> new Target.Replica(d.url(""), management(d), d.process().process().pid())).toList();
        Map<String, Path> logs = new LinkedHashMap<>();
        logs.put(ingest.name(), ingest.process().log());
        live.forEach(d -> logs.put(d.name(), d.process().log()));
        Map<String, Long> processes = new LinkedHashMap<>();
        processes.put(ingest.name(), ingest.process().process().pid());
        live.forEach(d -> processes.put(d.name(), d.process().process().pid()));
        return new Target(ingest.url(""), management(ingest), replicas,
                stack.caCertificate().getParent().getParent(), stack.bootstrap(), logs, processes);
    }

    private static String management(SystemStack.Service service) {
        return "http://127.0.0.1:" + service.managementPort();
    }
}
