package io.pushway.bench;

import java.time.Duration;
import java.util.List;

/**
 * What to run: {@code runs} repetitions of the named {@code scenarios} (all of {@link #SCENARIOS} by
 * default) at {@code scale}; {@code heartbeat} is the stack's {@code pushway.stream.heartbeat}, which
 * the idle-streams scenario checks.
 */
public record Plan(int runs, List<String> scenarios, Scale scale, Duration heartbeat) {

    /** Every scenario, in the order they run. */
    public static final List<String> SCENARIOS = List.of("latency", "sustained", "fanout", "publish", "replay", "catchup",
            "idle");

    public Plan {
        if (runs < 1) {
            throw new IllegalArgumentException("runs must be at least 1");
        }
        for (String scenario : scenarios) {
            if (!SCENARIOS.contains(scenario)) {
                throw new IllegalArgumentException("unknown scenario '" + scenario + "' (one of " + SCENARIOS + ")");
            }
        }
        scenarios = SCENARIOS.stream().filter(scenarios::contains).toList();
    }
}
