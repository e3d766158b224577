package io.pushway.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/** Loopback port helpers for tests that start servers. */
public final class Ports {

    private Ports() {
    }

    /** Where picked ports start: above the well-known and registered ports services on a dev machine use. */
    private static final int LOWEST = 20_000;
    /** The first port of the kernel's ephemeral range, read once; 0 where it cannot be read (not Linux). */
    private static final int EPHEMERAL_START = ephemeralRangeStart();
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    /**
     * A TCP port on 127.0.0.1 that was free a moment ago, never the same one twice in this JVM. Picked
     * below the kernel's ephemeral range ({@code net.ipv4.ip_local_port_range}), where outgoing connections
     * take their local ports: a port from the range (what binding port 0 gives) can be taken by any client
     * socket between this call and the server's bind — a CI run once failed with "Port … was already in use"
     * starting a replica. Where the range is not known, a port the kernel picks.
     */
    public static int free() {
        if (EPHEMERAL_START > LOWEST + 1_000) {
            for (int attempt = 0; attempt < 200; attempt++) {
                int port = ThreadLocalRandom.current().nextInt(LOWEST, EPHEMERAL_START);
                if (bindable(port) && HANDED_OUT.add(port)) {
                    return port;
                }
            }
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int ephemeralRangeStart() {
        try {
            // readAllLines, not readString: procfs reports size 0, and readString then returned "3" of "32768\t60999".
            String range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim();
            return Integer.parseInt(range.split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** Whether something accepts connections on 127.0.0.1:{@code port}. */
    public static boolean accepting(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Waits until 127.0.0.1:{@code port} accepts connections, polling every 50 ms. */
    public static void awaitAccepting(int port, Duration timeout, Process process) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!accepting(port)) {
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException("process exited with " + process.exitValue()
                        + " before port " + port + " opened");
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("port " + port + " not accepting after " + timeout);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
