package io.pushway.bench;

import java.util.List;

/** One scenario of docs/performance.md; a run of it yields one or more {@link Result}s. */
sealed interface Scenario permits LatencyScenario, SustainedScenario, FanOutScenario, IdleStreamsScenario,
        PublishScenario, ReplayScenario, CatchUpScenario {

    List<Result> run(Context context);

    static Scenario named(String name) {
        return switch (name) {
            case "latency" -> new LatencyScenario();
            case "sustained" -> new SustainedScenario();
            case "fanout" -> new FanOutScenario();
            case "idle" -> new IdleStreamsScenario();
            case "publish" -> new PublishScenario();
            case "replay" -> new ReplayScenario();
            case "catchup" -> new CatchUpScenario();
            default -> throw new IllegalArgumentException("unknown scenario " + name);
        };
    }
}
