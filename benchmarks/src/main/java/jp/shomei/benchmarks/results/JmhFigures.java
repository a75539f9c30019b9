package jp.shomei.benchmarks.results;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * Figures from JMH's JSON results ({@code -rf json -rff FILE}). The baseline of a benchmark is the one
 * benchmark of the same class whose method name starts with {@code raw}, run in the same JMH run with the same
 * threads and parameters: the raw key operation that the measured path cannot avoid.
 */
public final class JmhFigures {

    private static final String BASELINE_PREFIX = "raw";

    private JmhFigures() {
    }

    /** Whether a file's text is JMH's JSON: an array of results with a primary metric. */
    public static boolean isJmh(String text) {
        String json = text.strip();
        if (!json.startsWith("[")) {
            return false;
        }
        JsonArray results = new JsonArray(json);
        return !results.isEmpty() && results.getJsonObject(0).containsKey("primaryMetric");
    }

    public static List<Measured> parse(String text) {
        List<Run> runs = new ArrayList<>();
        new JsonArray(text.strip()).forEach(element -> runs.add(Run.of((JsonObject) element)));
        List<Measured> figures = new ArrayList<>();
        for (Run run : runs) {
            Figure figure = Figure.of(run.name(), run.unit(), run.score());
            if (!run.method().startsWith(BASELINE_PREFIX)) {
                List<Run> baselines = runs.stream().filter(other -> other.isBaselineFor(run)).toList();
                if (baselines.size() == 1) {
                    figure = figure.withBaseline(baselines.get(0).name(), baselines.get(0).score());
                }
            }
            figures.add(new Measured(figure, run.error()));
        }
        return figures;
    }

    private record Run(String className, String method, int threads, Map<String, Object> params, String unit,
                       double score, OptionalDouble error) {

        static Run of(JsonObject result) {
            String benchmark = result.getString("benchmark");
            int dot = benchmark.lastIndexOf('.');
            String className = benchmark.substring(0, dot);
            JsonObject metric = result.getJsonObject("primaryMetric");
            // JMH writes "NaN" (a string) when one iteration leaves no margin of error
            Object error = metric.getValue("scoreError");
            return new Run(className.substring(className.lastIndexOf('.') + 1), benchmark.substring(dot + 1),
                    result.getInteger("threads", 1),
                    Optional.ofNullable(result.getJsonObject("params")).map(JsonObject::getMap).orElse(Map.of()),
                    metric.getString("scoreUnit"), metric.getDouble("score"),
                    error instanceof Number margin && !Double.isNaN(margin.doubleValue())
                            ? OptionalDouble.of(margin.doubleValue()) : OptionalDouble.empty());
        }

        String name() {
            String qualifiers = params.entrySet().stream().map(e -> ", " + e.getKey() + "=" + e.getValue())
                    .sorted().collect(Collectors.joining());
            return className + "." + method + " (" + threads + (threads == 1 ? " thread" : " threads") + qualifiers + ")";
        }

        boolean isBaselineFor(Run other) {
            return method.startsWith(BASELINE_PREFIX) && className.equals(other.className) && threads == other.threads
                    && params.equals(other.params);
        }
    }
}
