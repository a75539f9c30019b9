package jp.shomei.benchmarks.load;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The benchmark results contract shared with the suite report: one JSON object per measured figure,
 * in {@code <results directory>/<name>.json}:
 * {@code {"name", "unit", "value", "baseline": {"name", "value"}, "ratio",
 * "latencyMs": {"p50", "p90", "p99", "p999", "max"}, "requests", "errors", "seconds", "command"}};
 * baseline, ratio and latencyMs are left out where they do not apply.
 */
public final class ResultFile {

    private ResultFile() {
    }

    /** A throughput figure in requests/s (correct answers) with its latencies. */
    public static JsonObject throughput(LoadResult result, String command) {
        return new JsonObject().put("name", result.name()).put("unit", "requests/s").put("value", round(result.perSecond()))
                .put("latencyMs", new JsonObject().put("p50", round(result.latencyMillis(50)))
                        .put("p90", round(result.latencyMillis(90))).put("p99", round(result.latencyMillis(99)))
                        .put("p999", round(result.latencyMillis(99.9))).put("max", round(result.latencyMillis(100))))
                .put("requests", result.requests()).put("errors", result.errors())
                .put("seconds", round(result.seconds())).put("command", command);
    }

    /** The figure with the baseline measured in the same run, and the figure's ratio to it. */
    public static JsonObject withBaseline(JsonObject figure, String baselineName, double baselineValue) {
        return figure.put("baseline", new JsonObject().put("name", baselineName).put("value", round(baselineValue)))
                .put("ratio", round(figure.getDouble("value") / baselineValue));
    }

    /** A figure that is not a load run (the soak's heap, say): name, unit, value, seconds, command. */
    public static JsonObject measurement(String name, String unit, double value, double seconds, String command) {
        return new JsonObject().put("name", name).put("unit", unit).put("value", round(value))
                .put("seconds", round(seconds)).put("command", command);
    }

    public static Path write(Path resultsDirectory, JsonObject figure) {
        try {
            Files.createDirectories(resultsDirectory);
            Path file = resultsDirectory.resolve(figure.getString("name") + ".json");
            Files.writeString(file, figure.encodePrettily() + "\n", StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the result to " + resultsDirectory, e);
        }
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
