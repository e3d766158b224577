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

    /**
     * How to run the server: its port and data directory, whether to keep an AOF there, and whether
     * to require TLS and an ACL user as in production ({@code null}: plain, no password).
     */
    public record Options(int port, Path dir, boolean appendOnly, Secured secured) {

        /** A fresh port and temporary directory, no persistence, plain: for tests that never restart Redis. */
        public static Options ephemeral() {
            try {
                return new Options(Ports.free(), Files.createTempDirectory("pushway-redis"), false, null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * TLS only (no plain port; the server certificate of {@code keys}) and one ACL user; the default
     * user is disabled, with every permission, as in production (docs/security.md: Redis replays the
     * append-only file as the default user).
     */
    public record Secured(TestKeys keys, String username, String password) {
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
        try {
            // A config file, not arguments: the password must not show in the process list.
            Path config = options.dir().resolve("redis.conf");
            Files.writeString(config, String.join("\n", directives(options)) + "\n");
            Files.setPosixFilePermissions(config, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            Process process = new ProcessBuilder(binary, config.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(options.dir().resolve("redis.log").toFile())
                    .start();
            // Never outlives the tests' JVM, even when a test leaves it running.
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "stop redis-server " + options.port()));
            Ports.awaitAccepting(options.port(), Duration.ofSeconds(20), process);
            return new RedisServer(options, process);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + binary
                    + " (install Debian's redis-server package, or set PUSHWAY_TEST_REDIS_URL)", e);
        }
    }

    private static List<String> directives(Options options) {
        // No fsync while the tests run: they share the disk with the build, and an fsync that the busy disk
        // holds up stalls Redis's one thread — with "always" before every reply, with "everysec" whenever a
        // write waits for the fsync of the second before — past the services' 1 s Redis deadline, which
        // then refuses publishes and opens the breaker (both seen in CI). What the tests check of durability
        // is a restart: SIGTERM makes Redis write and fsync the AOF before it exits, whatever the policy.
        // Deployments fsync every second (docs/operations.md#backups-redis).
        List<String> lines = new ArrayList<>(List.of("bind 127.0.0.1", "dir " + options.dir(), "save \"\"",
                "daemonize no", "appendonly " + (options.appendOnly() ? "yes" : "no"), "appendfsync no"));
        Secured secured = options.secured();
        if (secured == null) {
            lines.add("port " + options.port());
            return lines;
        }
        TestKeys keys = secured.keys();
        lines.addAll(List.of("port 0", "tls-port " + options.port(),
                "tls-cert-file " + keys.serverCertificate(), "tls-key-file " + keys.serverPrivateKey(),
                "tls-ca-cert-file " + keys.caCertificate(), "tls-auth-clients no",
                "user default off ~* &* +@all", // see docs/security.md: AOF replay runs as the default user
                "user " + secured.username() + " on >" + secured.password() + " ~* &* +@all"));
        return lines;
    }

    public int port() {
        return options.port();
    }

    /** The URL of a plain server (a secured one is configured by host, port, TLS bundle and user). */
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
