package io.pushway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Start-up time of each service: the JVM uptime at which Spring Boot reports the application started
 * ({@code Started … (process running for 3.9)}), which is when readiness turns to accepting traffic. The
 * last start in each log counts.
 */
final class Startup {

    private static final Pattern STARTED = Pattern.compile("process running for ([0-9.]+)");

    private Startup() {
    }

    /** Service name to seconds from process start to started; services without a start line are left out. */
    static Map<String, Double> seconds(Map<String, Path> logs) {
        Map<String, Double> seconds = new TreeMap<>();
        logs.forEach((name, log) -> {
            try {
                Matcher matcher = STARTED.matcher(Files.readString(log));
                while (matcher.find()) {
                    seconds.put(name, Double.parseDouble(matcher.group(1)));
                }
            } catch (IOException e) {
                System.err.println("bench: cannot read " + log + ": " + e.getMessage());
            }
        });
        return seconds;
    }
}
