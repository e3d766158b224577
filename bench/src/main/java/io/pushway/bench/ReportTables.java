package io.pushway.bench;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The markdown form of a {@link Report}: targets, then one table per measurement (runs and median). */
final class ReportTables {

    private ReportTables() {
    }

    static String markdown(Report report, Map<String, Map<String, Object>> medians, List<Targets.Check> checks) {
        StringBuilder md = new StringBuilder();
        Plan plan = report.plan();
        Machine machine = report.before();
        md.append("# Pushway benchmark, ").append(report.started()).append("\n\n")
                .append("Scale `").append(plan.scale().name()).append("`, ").append(report.runs().size())
                .append(" run(s), medians over the runs; stream heartbeat ").append(plan.heartbeat().toSeconds())
                .append(" s.\n\nMachine: ").append(machine.cores()).append(" cores, JDK ").append(machine.jdk())
                .append("; load average before `").append(machine.load()).append("`, after `")
                .append(report.after() == null ? "?" : report.after().load()).append("`.\n\n");
        md.append("## Targets\n\n| target | measured (median) | reached |\n|---|---|---|\n");
        for (Targets.Check check : checks) {
            md.append("| ").append(check.label()).append(" | ").append(format(check.measured())).append(" | ")
                    .append(Double.isNaN(check.measured()) ? "not measured" : check.reached() ? "yes" : "no").append(" |\n");
        }
        medians.forEach((name, metrics) -> table(md, report, name, metrics));
        md.append("\n## Busiest processes when the bench started\n\n```\n");
        machine.busiest().forEach(line -> md.append(line).append('\n'));
        md.append("```\n");
        return md.toString();
    }

    private static void table(StringBuilder md, Report report, String name, Map<String, Object> medians) {
        int runs = report.runs().size();
        md.append("\n## ").append(name).append("\n\n| metric |");
        for (int run = 1; run <= runs; run++) {
            md.append(" run ").append(run).append(" |");
        }
        md.append(" median |\n|---|").append("---|".repeat(runs + 1)).append('\n');
        Set<String> metrics = new LinkedHashSet<>(medians.keySet());
        for (String metric : metrics) {
            md.append("| ").append(metric).append(" |");
            for (List<Result> run : report.runs()) {
                Object value = run.stream().filter(r -> r.name().equals(name)).findFirst()
                        .map(r -> r.metrics().get(metric)).orElse(null);
                md.append(' ').append(value == null ? "" : format(value)).append(" |");
            }
            md.append(' ').append(format(medians.get(metric))).append(" |\n");
        }
    }

    private static String format(Object value) {
        if (value instanceof Double number) {
            if (number.isNaN()) {
                return "–";
            }
            return number == Math.rint(number) && Math.abs(number) < 1e15 ? String.valueOf(number.longValue())
                    : String.valueOf(number);
        }
        return String.valueOf(value).replace("|", "\\|");
    }
}
