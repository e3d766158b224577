package io.pushway.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The results of a bench invocation: every run's {@link Result}s, the median of each numeric metric over
 * the runs, the targets checked against those medians, start-up times, and the machine before and
 * after. Written as {@code <dir>/<timestamp>.json} and {@code .md}.
 */
public final class Report {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final Instant started;
    private final Plan plan;
    private final Machine before;
    private final List<List<Result>> runs = new ArrayList<>();
    private Machine after;
    private Map<String, Double> startup = Map.of();
    private Path json;
    private Path markdown;

    Report(Instant started, Plan plan, Machine before) {
        this.started = started;
        this.plan = plan;
        this.before = before;
    }

    void add(List<Result> run) {
        runs.add(List.copyOf(run));
    }

    void finish(Machine machine, Map<String, Double> startupSeconds) {
        after = machine;
        startup = startupSeconds;
    }

    /** Each run's results, in order. */
    public List<List<Result>> runs() {
        return runs;
    }

    /** Result name to metric to the median over the runs (text metrics: the last run's). */
    public Map<String, Map<String, Object>> medians() {
        Map<String, Map<String, Object>> medians = new LinkedHashMap<>();
        for (List<Result> run : runs) {
            for (Result result : run) {
                Map<String, Object> metrics = medians.computeIfAbsent(result.name(), name -> new LinkedHashMap<>());
                result.metrics().forEach((metric, value) -> metrics.put(metric,
                        value instanceof Number ? median(values(result.name(), metric)) : value));
            }
        }
        return medians;
    }

    /** The JSON file written, or null before {@link #write}. */
    public Path json() {
        return json;
    }

    /** The markdown file written, or null before {@link #write}. */
    public Path markdown() {
        return markdown;
    }

    /** Writes {@code <dir>/<timestamp>.json} and {@code .md}. */
    void write(Path dir) {
        String name = started.toString().replace(":", "").replaceAll("\\.\\d+", "");
        Map<String, Map<String, Object>> medians = medians();
        List<Targets.Check> checks = Targets.check(medians, startup);
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("started", started.toString());
        document.put("plan", plan);
        document.put("machineBefore", before);
        document.put("machineAfter", after);
        document.put("startupSeconds", startup);
        document.put("targets", checks);
        document.put("medians", medians);
        document.put("runs", runs);
        try {
            Files.createDirectories(dir);
            json = dir.resolve(name + ".json");
            markdown = dir.resolve(name + ".md");
            Files.writeString(json, JSON.writeValueAsString(document));
            Files.writeString(markdown, ReportTables.markdown(this, medians, checks));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Instant started() {
        return started;
    }

    Plan plan() {
        return plan;
    }

    Machine before() {
        return before;
    }

    Machine after() {
        return after;
    }

    Map<String, Double> startup() {
        return startup;
    }

    /** The values of {@code metric} of {@code result} in every run that has it. */
    List<Double> values(String result, String metric) {
        List<Double> values = new ArrayList<>();
        for (List<Result> run : runs) {
            for (Result r : run) {
                if (r.name().equals(result) && !Double.isNaN(r.number(metric))) {
                    values.add(r.number(metric));
                }
            }
        }
        return values;
    }

    /** The median of {@code values} (mean of the middle two for an even count); NaN when empty. */
    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        double median = sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
        return Math.round(median * 100) / 100.0;
    }
}
