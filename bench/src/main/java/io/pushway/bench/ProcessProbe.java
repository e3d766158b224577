package io.pushway.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Looks at a service process from outside: resident memory from {@code /proc/<pid>/status}, CPU time
 * from {@code /proc/<pid>/stat}, a full GC through {@code jcmd <pid> GC.run}, and heap in use from its
 * Prometheus endpoint ({@code jvm_memory_used_bytes{area="heap"}}, summed over the pools).
 */
final class ProcessProbe {

    private final Clients clients;

    ProcessProbe(Clients clients) {
        this.clients = clients;
    }

    /** VmRSS in bytes, or -1 when the pid is unknown or unreadable. */
    static long rss(long pid) {
        if (pid <= 0) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /**
     * CPU time (user + system) {@code pid} has used, in seconds, from {@code /proc/<pid>/stat} (in clock
     * ticks of 1/100 s, Linux's fixed {@code USER_HZ}); -1 when unknown or unreadable.
     */
    static double cpuSeconds(long pid) {
        if (pid <= 0) {
            return -1;
        }
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            // After the command name in parentheses: state is field 3, utime 14 and stime 15.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * Waits until the processes {@code pids} together use less than {@code cores} of CPU over a whole
     * {@code window}, at most {@code timeout}; returns the seconds waited (the timeout's when they never
     * quieted). Unknown pids count as quiet.
     */
    static double awaitQuiet(List<Long> pids, double cores, Duration window, Duration timeout) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        double before = totalCpu(pids);
        while (System.nanoTime() < deadline) {
            try {
                Thread.sleep(window.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            double now = totalCpu(pids);
            if (now - before < cores * window.toMillis() / 1000.0) {
                break;
            }
            before = now;
        }
        return Math.min(System.nanoTime() - start, timeout.toNanos()) / 1e9;
    }

    private static double totalCpu(List<Long> pids) {
        return pids.stream().mapToDouble(ProcessProbe::cpuSeconds).filter(cpu -> cpu >= 0).sum();
    }

    /** Runs a full GC in {@code pid} (no-op when unknown); true if jcmd succeeded. */
    static boolean gc(long pid) {
        return pid > 0 && jcmd(pid, "GC.run");
    }

    /** Runs {@code jcmd <pid> <command...>}, waiting up to 60 s. */
    static boolean jcmd(long pid, String... command) {
        String[] line = new String[command.length + 2];
        line[0] = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        line[1] = String.valueOf(pid);
        System.arraycopy(command, 0, line, 2, command.length);
        try {
            Process process = new ProcessBuilder(line).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Whether {@code management}'s readiness probe answers 200 (within 10 s). */
    boolean ready(String management) {
        Integer status = clients.management().get().uri(management + "/actuator/health/readiness")
                .responseSingle((response, body) -> body.then(reactor.core.publisher.Mono.just(response.status().code())))
                .onErrorReturn(-1).block(Duration.ofSeconds(15));
        return status != null && status == 200;
    }

    /** Heap in use in bytes, from {@code management}'s Prometheus endpoint; -1 when unreachable. */
    long heapUsed(String management) {
        String text = clients.management().get().uri(management + "/actuator/prometheus")
                .responseSingle((response, body) -> body.asString(StandardCharsets.UTF_8))
                .onErrorReturn("").block(Duration.ofSeconds(15));
        if (text == null || text.isEmpty()) {
            return -1;
        }
        double sum = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return (long) sum;
    }
}
