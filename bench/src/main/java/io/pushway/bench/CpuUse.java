package io.pushway.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The CPU time the stack's processes, and the bench itself, use from {@link #start} until {@link #put},
 * per delivered message: what a message costs, which at a fixed rate varies far less between runs than
 * the highest rate that passes (that one moves with everything else the two cores do); or until
 * {@link #putPerSecond}, per second: what holding open streams costs while nothing is sent.
 */
final class CpuUse {

    static final String BENCH = "bench";

    private final Map<String, Long> pids;
    private final Map<String, Double> start = new LinkedHashMap<>();

    private CpuUse(Map<String, Long> pids) {
        this.pids = pids;
        pids.forEach((name, pid) -> start.put(name, ProcessProbe.cpuSeconds(pid)));
    }

    /** Starts counting for {@code processes} (name to pid) and the bench's own process. */
    static CpuUse start(Map<String, Long> processes) {
        Map<String, Long> pids = new LinkedHashMap<>(processes);
        pids.put(BENCH, ProcessHandle.current().pid());
        return new CpuUse(pids);
    }

    /**
     * Puts {@code cpu_us_per_msg} (the stack's processes together, the bench not included) and
     * {@code cpu_us_per_msg_<name>} for each process, bench included: CPU microseconds used since the
     * start per message of {@code messages}. Processes whose CPU time cannot be read are left out; nothing
     * is put when no message was delivered.
     */
    void put(Map<String, Object> metrics, long messages) {
        if (messages > 0) {
            putScaled(metrics, "cpu_us_per_msg", 1e6 / messages);
        }
    }

    /**
     * Puts {@code <name>} (the stack's processes together, the bench not included) and {@code <name>_<process>}
     * for each process, bench included: CPU milliseconds used per second of {@code elapsed} since the start
     * (thousandths of a core).
     */
    void putPerSecond(Map<String, Object> metrics, String name, Duration elapsed) {
        putScaled(metrics, name, 1e3 / (elapsed.toNanos() / 1e9));
    }

    /** Puts the CPU seconds used since the start times {@code factor}, together and per process. */
    private void putScaled(Map<String, Object> metrics, String name, double factor) {
        double stack = 0;
        Map<String, Object> each = new LinkedHashMap<>();
        for (Map.Entry<String, Long> process : pids.entrySet()) {
            double before = start.get(process.getKey());
            double now = ProcessProbe.cpuSeconds(process.getValue());
            if (before < 0 || now < 0) {
                continue;
            }
            double used = (now - before) * factor;
            each.put(name + "_" + process.getKey(), Math.round(used));
            if (!process.getKey().equals(BENCH)) {
                stack += used;
            }
        }
        metrics.put(name, Math.round(stack));
        metrics.putAll(each);
    }
}
