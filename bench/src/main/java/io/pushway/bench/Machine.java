package io.pushway.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Facts about the machine a result was measured on: cores, JDK, load average, and the busiest other
 * processes (other people's builds skew a co-located benchmark; the report says so).
 *
 * @param cores available processors
 * @param jdk the JDK running the bench (the stack runs the same {@code java})
 * @param load {@code /proc/loadavg}
 * @param busiest the top processes by CPU ({@code ps}), one line each
 */
record Machine(int cores, String jdk, String load, List<String> busiest) {

    static Machine now() {
        return new Machine(Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version"),
                read(Path.of("/proc/loadavg")), topByCpu());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static List<String> topByCpu() {
        try {
            Process ps = new ProcessBuilder("ps", "-eo", "pid,pcpu,rss,etimes,args", "--sort=-pcpu")
                    .redirectErrorStream(true).start();
            List<String> lines = new String(ps.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                    .limit(13).map(line -> line.length() > 160 ? line.substring(0, 160) + "…" : line).toList();
            ps.waitFor(10, TimeUnit.SECONDS);
            return lines;
        } catch (IOException e) {
            return List.of("ps failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }
}
