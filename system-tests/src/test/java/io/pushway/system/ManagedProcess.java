package io.pushway.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A child process with its output in a log file; stopped (TERM, then KILL) on {@link #stop()}. */
final class ManagedProcess {

    private final String name;
    private final Path log;
    private final List<String> command;
    private final Map<String, String> environment;
    private volatile Process process;

    ManagedProcess(String name, Path log, List<String> command) {
        this(name, log, command, Map.of());
    }

    /** A process that also gets {@code environment} added to this JVM's environment. */
    ManagedProcess(String name, Path log, List<String> command, Map<String, String> environment) {
        this.name = name;
        this.log = log;
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
    }

    ManagedProcess start() {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            process = builder.start();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    Process process() {
        return process;
    }

    /** Stops gracefully (SIGTERM), forcibly after 20 s. */
    void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The file the process writes its output to. */
    Path log() {
        return log;
    }

    /** The last lines of the log, for failure messages. */
    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return name + " log:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return name + " log unreadable: " + e;
        }
    }
}
