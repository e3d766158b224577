package io.pushway.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scenario 7: catching up on a backlog. The delivery replicas are paused ({@code SIGSTOP}) while
 * {@code scale.catchUpMessages} messages are published (batch API) to {@code scale.subscribers} recipients
 * that have no stream; then they go on ({@code SIGCONT}) and the scenario polls the delivery group's lag
 * until it is zero. Measures the intake alone, Kafka to the inboxes, as after an outage of the replicas or
 * a burst larger than they take in at once: the messages appended per second from the first committed
 * progress to the end (a pause longer than the consumers' session timeout makes them rejoin first, which
 * is left out), the time from resuming to the end, and the CPU each process spent per message over it.
 */
final class CatchUpScenario implements Scenario {

    private static final int BATCHES_IN_FLIGHT = 4;
    private static final long POLL_MICROS = 100_000;
    private static final Duration LIMIT = Duration.ofMinutes(5);

    @Override
    public List<Result> run(Context context) {
        Scale scale = context.scale();
        String prefix = context.tag("catchup");
        Map<String, Object> metrics = new LinkedHashMap<>();
        context.settle();
        List<Long> replicas = replicaPids(context.target());
        PublishStats stats = new PublishStats();
        CpuUse cpu;
        long resumed;
        long backlog;
        signal("STOP", replicas);
        try {
            context.publisher().batches(scale.catchUpMessages(), BATCHES_IN_FLIGHT,
                    seq -> Payloads.toRecipient(prefix + "-" + seq % scale.subscribers(), prefix, seq, Micros.now()), stats)
                    .block(Duration.ofMinutes(10));
        } finally {
            backlog = context.lag().lag(); // before resuming: a replica commits its first batch at once
            cpu = CpuUse.start(context.target().processes());
            resumed = Micros.now();
            signal("CONT", replicas);
        }
        long accepted = stats.acceptedSeqs().size();
        metrics.put("sent", stats.messages());
        metrics.put("not_accepted", stats.messages() - accepted);

        long progressAt = 0;
        long progressLag = 0;
        long lag = backlog;
        long deadline = resumed + LIMIT.toNanos() / 1000;
        while (lag != 0 && Micros.now() < deadline) {
            Micros.sleepUntil(Micros.now() + POLL_MICROS);
            lag = context.lag().lag();
            if (progressAt == 0 && lag >= 0 && lag < backlog) {
                progressAt = Micros.now();
                progressLag = lag;
            }
        }
        long end = Micros.now();
        metrics.put("backlog", backlog);
        metrics.put("lag_at_end", lag);
        metrics.put("catchup_ms", Micros.millis(end - resumed));
        // From the first progress seen, over what was left then; when nothing was left, from resuming.
        boolean progressed = progressLag > 0;
        long measured = progressed ? progressLag : backlog;
        long micros = end - (progressed ? progressAt : resumed);
        if (lag == 0 && micros > 0) {
            metrics.put("appended_per_s", Math.round(measured * 1e6 / micros));
        }
        cpu.put(metrics, accepted);
        context.putHeap(metrics);
        return List.of(new Result("catch-up", metrics));
    }

    /** The process ids of the delivery replicas, where known. */
    private static List<Long> replicaPids(Target target) {
        List<Long> pids = new ArrayList<>();
        target.processes().forEach((name, pid) -> {
            if (name.startsWith("delivery") && pid > 0) {
                pids.add(pid);
            }
        });
        return pids;
    }

    /** Sends {@code SIG<name>} to {@code pids}. */
    private static void signal(String name, List<Long> pids) {
        if (pids.isEmpty()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of("kill", "-" + name));
        pids.forEach(pid -> command.add(String.valueOf(pid)));
        try {
            int exit = new ProcessBuilder(command).inheritIO().start().waitFor();
            if (exit != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited with " + exit);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        }
    }
}
