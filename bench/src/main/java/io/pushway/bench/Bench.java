package io.pushway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The benchmark: {@code bench/run.sh} starts the local stack and runs this main class against it
 * ({@link Options} lists the arguments); {@link #run} is the same from code (the smoke system test).
 */
public final class Bench {

    /** How long the smoke-scale passes of the warm-up last at least. */
    static final Duration WARM_UP = Duration.ofSeconds(60);

    private Bench() {
    }

    public static void main(String[] args) throws IOException {
        Options options = Options.parse(args);
        Report report = run(options.target(), options.plan(), options.out());
        System.out.println(Files.readString(report.markdown()));
        System.out.println("bench: results in " + report.json() + " and " + report.markdown());
        System.exit(0);
    }

    /**
     * Runs {@code plan} against {@code target} and writes the report into {@code out}. Unless the scale
     * is {@code smoke}, an unrecorded warm-up goes first: the plan's scenarios at smoke scale, repeated
     * for {@link #WARM_UP} (many publishes and deliveries: the JIT compiles every hot path, which one
     * pass of a scenario that publishes a few messages, like the fan-out, does not do), then one pass at
     * the plan's own scale (the JIT at full load, the heaps grown to their working size). A replica
     * measured cold spent a third of its CPU in the compiler, and after the smoke passes alone the first
     * full-scale run was still seconds behind.
     */
    public static Report run(Target target, Plan plan, Path out) {
        Report report = new Report(Instant.now(), plan, Machine.now());
        String stamp = Long.toString(System.currentTimeMillis(), 36);
        try (Clients clients = new Clients(target.keysDir().resolve("tls/ca.pem"));
                ConsumerLag lag = new ConsumerLag(target.kafkaBootstrap())) {
            Tokens tokens = new Tokens(target.keysDir());
            Publisher publisher = new Publisher(clients, target.ingest(), tokens.publisher());
            ProcessProbe probe = new ProcessProbe(clients);
            // A context per pass: its tag makes the pass's subjects and topics new.
            BiFunction<Plan, String, Context> pass = (passPlan, tag) ->
                    new Context(target, passPlan, clients, tokens, publisher, probe, lag, "b" + stamp + tag);
            if (!plan.scale().name().equals("smoke")) {
                System.err.printf("bench: warm-up (the scenarios at smoke scale, repeated for %d s, then one pass at"
                        + " %s scale; not recorded)%n", WARM_UP.toSeconds(), plan.scale().name());
                Plan smoke = new Plan(1, plan.scenarios(), Scale.smoke(), plan.heartbeat());
                Instant until = Instant.now().plus(WARM_UP);
                for (int n = 1; n == 1 || Instant.now().isBefore(until); n++) {
                    run(pass.apply(smoke, "w" + n), 0);
                }
                run(pass.apply(plan, "w"), 0);
            }
            for (int run = 1; run <= plan.runs(); run++) {
                report.add(run(pass.apply(plan, "r" + run), run));
            }
        }
        report.finish(Machine.now(), Startup.seconds(target.serviceLogs()));
        report.write(out);
        return report;
    }

    /** The scenario's results, or one result saying why it failed (the other scenarios still run). */
    private static List<Result> attempt(String name, Context context) {
        try {
            return Scenario.named(name).run(context);
        } catch (RuntimeException e) {
            e.printStackTrace();
            return List.of(new Result(name, java.util.Map.of("failed", String.valueOf(e))));
        }
    }

    private static List<Result> run(Context context, int run) {
        List<Result> results = new ArrayList<>();
        for (String name : context.plan().scenarios()) {
            List<String> down = context.notReady();
            if (!down.isEmpty()) {
                System.err.printf("bench: skipping scenario %s: not ready: %s%n", name, down);
                results.add(new Result(name, java.util.Map.of("skipped", "not ready: " + String.join(", ", down))));
                continue;
            }
            System.err.printf("bench: run %d/%d, scenario %s (%s)%n", run, context.plan().runs(), name,
                    context.scale().name());
            long start = System.nanoTime();
            for (Result result : attempt(name, context)) {
                System.err.printf("bench:   %s %s%n", result.name(), result.metrics());
                results.add(result);
            }
            System.err.printf("bench: scenario %s took %.1f s%n", name, (System.nanoTime() - start) / 1e9);
        }
        return results;
    }
}
