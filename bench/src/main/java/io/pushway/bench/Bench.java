package io.pushway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark: {@code bench/run.sh} starts the local stack and runs this main class against it
 * ({@link Options} lists the arguments); {@link #run} is the same from code (the smoke system test).
 */
public final class Bench {

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
     * is {@code smoke}, one unrecorded pass of the plan's scenarios at its own scale goes first: the
     * services reach steady state (the JIT compiles the hot paths at full load, the heaps grow to their
     * working size). A replica measured cold spent a third of its CPU in the compiler, and after a
     * warm-up at smoke scale the first full-scale run was still seconds behind.
     */
    public static Report run(Target target, Plan plan, Path out) {
        Report report = new Report(Instant.now(), plan, Machine.now());
        String stamp = Long.toString(System.currentTimeMillis(), 36);
        try (Clients clients = new Clients(target.keysDir().resolve("tls/ca.pem"));
                ConsumerLag lag = new ConsumerLag(target.kafkaBootstrap())) {
            Tokens tokens = new Tokens(target.keysDir());
            Publisher publisher = new Publisher(clients, target.ingest(), tokens.publisher());
            ProcessProbe probe = new ProcessProbe(clients);
            if (!plan.scale().name().equals("smoke")) {
                System.err.printf("bench: warm-up (one pass of every scenario at %s scale, not recorded)%n",
                        plan.scale().name());
                run(new Context(target, plan, clients, tokens, publisher, probe, lag, "b" + stamp + "w"), 0);
            }
            for (int run = 1; run <= plan.runs(); run++) {
                Context context = new Context(target, plan, clients, tokens, publisher, probe, lag,
                        "b" + stamp + "r" + run);
                report.add(run(context, run));
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
