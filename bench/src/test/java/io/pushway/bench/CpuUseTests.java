package io.pushway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CpuUseTests {

    @Test
    void aMessageCostsTheStacksCpuOverTheStretchAndTheBenchIsReportedApart() throws Exception {
        Process busy = new ProcessBuilder("sh", "-c", "while :; do :; done").start();
        try {
            Map<String, Long> processes = new LinkedHashMap<>();
            processes.put("busy", busy.pid());
            processes.put("gone", 0L);
            CpuUse cpu = CpuUse.start(processes);
            double before = ProcessProbe.cpuSeconds(busy.pid());
            while (ProcessProbe.cpuSeconds(busy.pid()) < before + 0.2) {
                Thread.sleep(20);
            }
            Map<String, Object> metrics = new HashMap<>();

            cpu.put(metrics, 1000);

            assertThat((long) metrics.get("cpu_us_per_msg_busy")).isGreaterThanOrEqualTo(200); // ≥ 0.2 s / 1,000
            assertThat(metrics.get("cpu_us_per_msg")).as("the stack's processes, not the bench")
                    .isEqualTo(metrics.get("cpu_us_per_msg_busy"));
            assertThat(metrics).containsKey("cpu_us_per_msg_bench").doesNotContainKey("cpu_us_per_msg_gone");
        } finally {
            busy.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void nothingIsPutWithoutADeliveredMessage() {
        Map<String, Object> metrics = new HashMap<>();

        CpuUse.start(Map.of()).put(metrics, 0);

        assertThat(metrics).isEmpty();
    }
}
