package io.pushway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ReportTests {

    private final Plan plan = new Plan(3, List.of("latency"), Scale.smoke(), Duration.ofSeconds(5));

    @Test
    void mediansAreTakenPerMetricOverTheRunsAndTextKeepsTheLastRun() {
        Report report = report(2.0, 9.0, 4.0);

        Map<String, Object> latency = report.medians().get("latency@1000/s");

        assertThat(latency).containsEntry("e2e_p50_ms", 4.0).containsEntry("e2e_p99_ms", 40.0)
                .containsEntry("note", "run 3");
        assertThat(Report.median(List.of(1.0, 2.0, 3.0, 10.0))).isEqualTo(2.5);
        assertThat(Report.median(List.of())).isNaN();
    }

    @Test
    void writesJsonAndMarkdownWithTargetsCheckedAgainstTheMedians(@TempDir Path out) throws Exception {
        Report report = report(2.0, 9.0, 4.0);
        report.finish(Machine.now(), Map.of("ingest", 3.2, "delivery-1", 5.1));

        report.write(out);

        JsonNode json = JsonMapper.builder().build().readTree(Files.readString(report.json()));
        assertThat(json.path("runs")).hasSize(3);
        assertThat(json.path("medians").path("latency@1000/s").path("e2e_p50_ms").asDouble()).isEqualTo(4.0);
        assertThat(json.path("machineBefore").path("cores").asInt()).isPositive();
        String markdown = Files.readString(report.markdown());
        assertThat(markdown)
                .contains("| e2e p50 at 1,000 msg/s ≤ 3 ms | 4 | no |")
                .contains("| e2e p99 at 5,000 msg/s ≤ 25 ms | – | not measured |")
                .contains("| ingest ready ≤ 4 s after start | 3.2 | yes |")
                .contains("| delivery-1 ready ≤ 4 s after start | 5.1 | no |")
                .contains("| e2e_p50_ms | 2 | 9 | 4 | 4 |");
    }

    private Report report(double... p50s) {
        Report report = new Report(Instant.parse("2026-11-26T04:00:00Z"), plan, Machine.now());
        for (int run = 0; run < p50s.length; run++) {
            report.add(List.of(new Result("latency@1000/s",
                    Map.of("e2e_p50_ms", p50s[run], "e2e_p99_ms", p50s[run] * 10, "note", "run " + (run + 1)))));
        }
        return report;
    }
}
