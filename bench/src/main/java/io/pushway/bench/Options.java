package io.pushway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Command-line arguments, {@code --name value}; every one has the local stack's default:
 * {@code --local .local} (its keys, pid files and logs), {@code --ingest https://localhost:8443},
 * {@code --ingest-management http://127.0.0.1:8081}, {@code --delivery https://localhost:9443,https://localhost:9444},
 * {@code --delivery-management http://127.0.0.1:9081,http://127.0.0.1:9082}, {@code --kafka 127.0.0.1:19092},
 * {@code --runs 3}, {@code --scale full} (or quick, smoke), {@code --scenarios} all (comma-separated),
 * {@code --heartbeat 15} (seconds: the stack's {@code pushway.stream.heartbeat}), {@code --out bench/results}.
 */
record Options(Target target, Plan plan, Path out) {

    private static final List<String> NAMES = List.of("local", "ingest", "ingest-management", "delivery",
            "delivery-management", "kafka", "runs", "scale", "scenarios", "heartbeat", "out");

    static Options parse(String[] args) {
        Map<String, String> given = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : "";
            if (!NAMES.contains(name) || i + 1 >= args.length) {
                throw new IllegalArgumentException("unknown or incomplete option '" + args[i] + "'; options: --" + String.join(", --", NAMES));
            }
            given.put(name, args[++i]);
        }
        Path local = Path.of(given.getOrDefault("local", ".local"));
        List<String> urls = split(given.getOrDefault("delivery", "https://localhost:9443,https://localhost:9444"));
        List<String> managements = split(given.getOrDefault("delivery-management", "http://127.0.0.1:9081,http://127.0.0.1:9082"));
        Map<String, Long> processes = new LinkedHashMap<>(); // each pid file read once
        processes.put("ingest", pid(local.resolve("run/ingest.pid")));
        List<Target.Replica> replicas = new ArrayList<>();
        Map<String, Path> logs = new LinkedHashMap<>();
        logs.put("ingest", local.resolve("logs/ingest.log"));
        for (int i = 0; i < urls.size(); i++) {
            String name = "delivery-" + (i + 1);
            processes.put(name, pid(local.resolve("run/" + name + ".pid")));
            replicas.add(new Target.Replica(urls.get(i), managements.get(i), processes.get(name)));
            logs.put(name, local.resolve("logs/" + name + ".log"));
        }
        logs.values().removeIf(log -> !Files.isReadable(log));
        processes.put("kafka", pid(local.resolve("run/kafka.pid")));
        processes.put("redis", pid(local.resolve("run/redis.pid")));
        Target target = new Target(given.getOrDefault("ingest", "https://localhost:8443"),
                given.getOrDefault("ingest-management", "http://127.0.0.1:8081"), replicas, local,
                given.getOrDefault("kafka", "127.0.0.1:19092"), logs, processes);
        Plan plan = new Plan(Integer.parseInt(given.getOrDefault("runs", "3")),
                given.containsKey("scenarios") ? split(given.get("scenarios")) : Plan.SCENARIOS,
                Scale.named(given.getOrDefault("scale", "full")),
                Duration.ofSeconds(Long.parseLong(given.getOrDefault("heartbeat", "15").replace("s", ""))));
        return new Options(target, plan, Path.of(given.getOrDefault("out", "bench/results")));
    }

    private static List<String> split(String list) {
        return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static long pid(Path file) {
        try {
            return Long.parseLong(Files.readString(file).trim());
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }
}
