package io.pushway.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
            // Line by line: a service log outgrows a String (ingest logs every accepted message).
            // Latin-1 decodes any byte; the start line is ASCII.
            try (BufferedReader lines = Files.newBufferedReader(log, StandardCharsets.ISO_8859_1)) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    Matcher matcher = STARTED.matcher(line);
                    if (matcher.find()) {
                        seconds.put(name, Double.parseDouble(matcher.group(1)));
                    }
                }
            } catch (IOException e) {
                System.err.println("bench: cannot read " + log + ": " + e.getMessage());
            }
        });
        return seconds;
    }
}
