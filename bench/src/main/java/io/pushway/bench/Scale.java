package io.pushway.bench;

import java.time.Duration;
import java.util.List;

/**
 * The sizes and durations of every scenario.
 *
 * @param name {@code full}, {@code quick} or {@code smoke}
 * @param subscribers SSE streams of the latency and sustained scenarios (one recipient each)
 * @param latencyRates the fixed publish rates (messages/s) of the latency scenario
 * @param latencyDuration how long each latency rate is held
 * @param sustainedStartRate the first rate of the sustained scenario's ladder (doubled until a step fails)
 * @param sustainedSteps most steps of that ladder (the last one bisects between a pass and a fail)
 * @param sustainedDuration how long each step publishes
 * @param batchSize messages per batch request in the sustained and idle scenarios
 * @param publishDuration how long each publish-throughput measurement runs
 * @param publishConcurrency requests in flight for the closed-loop single-message measurement
 * @param publishRate the fixed rate (requests/s) of the open-loop single-message measurement
 * @param batchConcurrency batch requests (of 500) in flight for the batch measurement
 * @param idleStreams streams opened on one replica by the idle-streams scenario
 * @param idleHold how long those streams are held idle
 * @param fanOutStreams subscribers of the fan-out topic
 * @param fanOutMessages topic messages sent one after another in the fan-out scenario
 * @param fanOutHold how long the fan-out scenario then holds its streams idle, measuring the CPU that costs
 * @param replayRecipients recipients of the replay scenario, each reconnecting with a backlog
 * @param replayBacklog messages waiting for each of them
 * @param catchUpMessages messages the catch-up scenario publishes while the delivery replicas are paused
 * @param drain how long to wait for outstanding deliveries before counting the rest as lost
 */
public record Scale(String name, int subscribers, List<Integer> latencyRates, Duration latencyDuration,
        int sustainedStartRate, int sustainedSteps, Duration sustainedDuration, int batchSize,
        Duration publishDuration, int publishConcurrency, int publishRate, int batchConcurrency,
        int idleStreams, Duration idleHold, int fanOutStreams, int fanOutMessages,
        Duration fanOutHold, int replayRecipients, int replayBacklog, int catchUpMessages, Duration drain) {

    /** The benchmark as the issue defines it (about 10 minutes a run). */
    public static Scale full() {
        return new Scale("full", 1000, List.of(1000, 5000), Duration.ofSeconds(30), 2500, 6, Duration.ofSeconds(60),
                100, Duration.ofSeconds(10), 64, 8000, 4, 10_000, Duration.ofSeconds(60), 10_000, 5,
                Duration.ofSeconds(30), 20, 5000, 100_000, Duration.ofSeconds(15));
    }

    /** Same sizes, short durations (about 3 minutes a run): a quick look, not a result. */
    public static Scale quick() {
        return new Scale("quick", 1000, List.of(1000, 5000), Duration.ofSeconds(10), 2500, 4, Duration.ofSeconds(10),
                100, Duration.ofSeconds(5), 64, 8000, 4, 10_000, Duration.ofSeconds(15), 10_000, 3,
                Duration.ofSeconds(10), 20, 5000, 50_000, Duration.ofSeconds(15));
    }

    /** Seconds-long, tiny: checks that the harness works, not the numbers. */
    public static Scale smoke() {
        return new Scale("smoke", 50, List.of(50, 200), Duration.ofSeconds(2), 200, 2, Duration.ofSeconds(2),
                20, Duration.ofSeconds(2), 4, 200, 2, 50, Duration.ofSeconds(2), 50, 2,
                Duration.ofSeconds(1), 5, 100, 1000, Duration.ofSeconds(15));
    }

    static Scale named(String name) {
        return switch (name) {
            case "full" -> full();
            case "quick" -> quick();
            case "smoke" -> smoke();
            default -> throw new IllegalArgumentException("unknown scale '" + name + "' (full, quick or smoke)");
        };
    }
}
