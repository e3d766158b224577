package io.pushway.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real {@code redis-server} process on a free loopback port (Debian's {@code redis-server}
 * package; the binary is taken from {@code PUSHWAY_REDIS_SERVER} or the {@code PATH}).
 */
public final class RedisServer {

    /** How to run the server: its port and data directory, and whether to keep an AOF there. */
    public record Options(int port, Path dir, boolean appendOnly) {

        /** A fresh port and temporary directory, no persistence: for tests that never restart Redis. */
        public static Options ephemeral() {
            try {
                return new Options(Ports.free(), Files.createTempDirectory("pushway-redis"), false);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final Options options;
    private final Process process;

    private RedisServer(Options options, Process process) {
        this.options = options;
        this.process = process;
    }

    /** Starts a server and waits until it accepts connections. */
    public static RedisServer start(Options options) {
        String binary = System.getenv().getOrDefault("PUSHWAY_REDIS_SERVER", "redis-server");
        List<String> command = new ArrayList<>(List.of(binary,
                "--port", String.valueOf(options.port()), "--bind", "127.0.0.1",
                "--dir", options.dir().toString(), "--save", "", "--daemonize", "no",
                "--appendonly", options.appendOnly() ? "yes" : "no", "--appendfsync", "always"));
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(options.dir().resolve("redis.log").toFile())
                    .start();
            Ports.awaitAccepting(options.port(), Duration.ofSeconds(20), process);
            return new RedisServer(options, process);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + binary
                    + " (install Debian's redis-server package, or set PUSHWAY_TEST_REDIS_URL)", e);
        }
    }

    public int port() {
        return options.port();
    }

    public String url() {
        return "redis://127.0.0.1:" + options.port();
    }

    public Options options() {
        return options;
    }

    /** Stops the server (SIGTERM, then SIGKILL after 10 s) and waits for it to exit. */
    public void stop() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
