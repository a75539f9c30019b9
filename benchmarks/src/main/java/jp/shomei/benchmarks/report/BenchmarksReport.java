package jp.shomei.benchmarks.report;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import jp.shomei.benchmarks.results.Figure;
import jp.shomei.benchmarks.results.Latency;
import jp.shomei.benchmarks.results.Measured;
import jp.shomei.benchmarks.results.RunResults;

/**
 * The generated part of BENCHMARKS.md for one suite run: the machine, the date, the commit and the command,
 * the load average around each piece, then one table per area with every figure beside its baseline from
 * the same run and their ratio (figure ÷ baseline), latency percentiles, request and error counts where the
 * figure has them, and the commands that produced the area's figures; last, the scale table of the run's
 * population and of the large populations measured apart ({@link ScaleTable}).
 */
public final class BenchmarksReport {

    private static final String NONE = "—";

    private BenchmarksReport() {
    }

    /** The run's report; {@code scaleRuns}: results of population-scale.sh on large populations, kept apart. */
    public static String render(RunResults run, List<RunResults> scaleRuns) {
        StringBuilder out = new StringBuilder();
        JsonObject machine = run.machine();
        out.append("## Latest suite run\n\n");
        out.append("Command: `").append(text(machine, "command")).append("` (").append(text(machine, "mode"))
                .append(" mode), started ").append(text(machine, "started")).append(", finished ")
                .append(text(machine, "finished")).append(", commit `").append(text(machine, "commit")).append("`.\n\n");
        out.append("Machine: ").append(text(machine, "cpu")).append(", ").append(text(machine, "cores"))
                .append(" cores, ").append(text(machine, "memory")).append(" memory, ").append(text(machine, "os"))
                .append(", ").append(text(machine, "jdk")).append(", ").append(text(machine, "tools")).append(".\n\n");
        if (!machine.getString("failed", "").isBlank()) {
            out.append("**Failed pieces** (their figures are missing or partial): ").append(machine.getString("failed"))
                    .append(".\n\n");
        }
        if (!machine.getString("skipped", "").isBlank()) {
            out.append("Skipped pieces: ").append(machine.getString("skipped").replace(";", "; ")).append(".\n\n");
        }
        if (!machine.getString("retried", "").isBlank()) {
            out.append("Pieces run again into this run's directory (`--retry`): ").append(machine.getString("retried"))
                    .append(".\n\n");
        }
        out.append("Every ratio is the figure divided by its baseline, both measured in this run; compare ratios, "
                + "not absolute figures, between runs on a shared machine.\n");
        if (!run.loadAverages().isEmpty()) {
            out.append("\n| piece | load average before | load average after | seconds |\n|---|---|---|---|\n");
            run.loadAverages().forEach(load -> out.append(row(List.of(load.piece(), load.before(), load.after(),
                    load.seconds()))));
        }
        for (Map.Entry<String, List<Measured>> area : run.areas().entrySet()) {
            out.append("\n### ").append(area.getKey()).append("\n\n").append(table(area.getValue()));
            List<String> commands = area.getValue().stream().flatMap(m -> m.figure().command().stream())
                    .distinct().toList();
            if (!commands.isEmpty()) {
                out.append("\n");
                commands.forEach(command -> out.append("- `").append(command).append("`\n"));
            }
        }
        out.append(ScaleTable.render(ScaleTable.populations(run, scaleRuns)));
        return out.toString();
    }

    static String table(List<Measured> figures) {
        boolean latency = figures.stream().anyMatch(m -> m.figure().latencyMs().isPresent());
        boolean counts = figures.stream().anyMatch(m -> m.figure().requests().isPresent() || m.figure().errors().isPresent());
        List<String> header = new ArrayList<>(List.of("figure", "value", "unit", "baseline (same run)", "ratio"));
        if (latency) {
            Latency.PERCENTILES.forEach(p -> header.add(p + " ms"));
        }
        if (counts) {
            header.addAll(List.of("requests", "errors"));
        }
        StringBuilder out = new StringBuilder(row(header));
        out.append(row(header.stream().map(h -> "---").toList()));
        for (Measured measured : figures) {
            Figure figure = measured.figure();
            List<String> cells = new ArrayList<>();
            cells.add(figure.name());
            cells.add(number(figure.value()) + (measured.errorMargin().isPresent()
                    ? " ± " + number(measured.errorMargin()) : ""));
            cells.add(figure.unit());
            cells.add(baseline(figure));
            cells.add(number(ratio(figure)));
            if (latency) {
                Latency.PERCENTILES.forEach(p -> cells.add(figure.latencyMs().map(l -> number(l.get(p))).orElse(NONE)));
            }
            if (counts) {
                cells.add(count(figure.requests()));
                cells.add(count(figure.errors()));
            }
            out.append(row(cells));
        }
        return out.toString();
    }

    /** The ratio the tool wrote, or the figure divided by its baseline's value; none without a usable baseline. */
    static OptionalDouble ratio(Figure figure) {
        if (figure.ratio().isPresent()) {
            return figure.ratio();
        }
        OptionalDouble base = figure.baseline().map(Figure.Baseline::value).orElse(OptionalDouble.empty());
        if (base.isEmpty() || base.getAsDouble() == 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(figure.value() / base.getAsDouble());
    }

    static String number(double value) {
        double magnitude = Math.abs(value);
        String pattern = magnitude >= 100 ? "%,.0f" : magnitude >= 10 ? "%,.1f" : "%.2f";
        return String.format(Locale.ROOT, pattern, value);
    }

    private static String number(OptionalDouble value) {
        return value.isPresent() ? number(value.getAsDouble()) : NONE;
    }

    private static String count(OptionalLong value) {
        return value.isPresent() ? String.format(Locale.ROOT, "%,d", value.getAsLong()) : NONE;
    }

    private static String baseline(Figure figure) {
        return figure.baseline().map(b -> b.value().isPresent() ? b.name() + ": " + number(b.value().getAsDouble())
                : b.name() + ": not measured in this run").orElse(NONE);
    }

    static String row(List<String> cells) {
        return "| " + String.join(" | ", cells.stream().map(BenchmarksReport::cell).toList()) + " |\n";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    private static String text(JsonObject machine, String key) {
        Object value = machine.getValue(key);
        return Objects.toString(value, "unknown");
    }
}
