package jp.shomei.benchmarks.results;

import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One measured figure of a benchmark run, as the result files of the load tools carry it (the contract
 * shared by every tool that writes into a results directory):
 * {@code {"name", "unit", "value", "baseline": {"name", "value"}, "ratio", "latencyMs": {...}, "requests",
 * "errors", "seconds", "command"}}. A baseline may name another figure of the same run without a value;
 * the report then takes that figure's value.
 */
public record Figure(String name, String unit, double value, Optional<Baseline> baseline, OptionalDouble ratio,
                     Optional<Latency> latencyMs, OptionalLong requests, OptionalLong errors, OptionalDouble seconds,
                     Optional<String> command) {

    /** The figure something is compared with; without a value, the figure of that name in the same run. */
    public record Baseline(String name, OptionalDouble value) {
    }

    /** A figure with only what every figure has; the other parts are added with the {@code with…} methods. */
    public static Figure of(String name, String unit, double value) {
        return new Figure(name, unit, value, Optional.empty(), OptionalDouble.empty(), Optional.empty(),
                OptionalLong.empty(), OptionalLong.empty(), OptionalDouble.empty(), Optional.empty());
    }

    public Figure withBaseline(String baselineName, double baselineValue) {
        return new Figure(name, unit, value, Optional.of(new Baseline(baselineName, OptionalDouble.of(baselineValue))),
                ratio, latencyMs, requests, errors, seconds, command);
    }

    public Figure withLatency(Latency latency) {
        return new Figure(name, unit, value, baseline, ratio, Optional.of(latency), requests, errors, seconds, command);
    }

    public Figure withCounts(long requestCount, long errorCount, double elapsedSeconds) {
        return new Figure(name, unit, value, baseline, ratio, latencyMs, OptionalLong.of(requestCount),
                OptionalLong.of(errorCount), OptionalDouble.of(elapsedSeconds), command);
    }

    public Figure withCommand(String commandLine) {
        return new Figure(name, unit, value, baseline, ratio, latencyMs, requests, errors, seconds, Optional.of(commandLine));
    }

    public static Figure fromJson(JsonObject json) {
        Optional<Baseline> baseline = Optional.ofNullable(json.getJsonObject("baseline"))
                .map(b -> new Baseline(b.getString("name"), optionalDouble(b, "value")));
        return new Figure(json.getString("name"), json.getString("unit"), json.getDouble("value"), baseline,
                optionalDouble(json, "ratio"), Optional.ofNullable(json.getJsonObject("latencyMs")).map(Latency::fromJson),
                optionalLong(json, "requests"), optionalLong(json, "errors"), optionalDouble(json, "seconds"),
                Optional.ofNullable(json.getString("command")));
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject().put("name", name).put("unit", unit).put("value", value);
        baseline.ifPresent(b -> {
            JsonObject base = new JsonObject().put("name", b.name());
            b.value().ifPresent(v -> base.put("value", v));
            json.put("baseline", base);
        });
        ratio.ifPresent(r -> json.put("ratio", r));
        latencyMs.ifPresent(l -> json.put("latencyMs", l.toJson()));
        requests.ifPresent(r -> json.put("requests", r));
        errors.ifPresent(e -> json.put("errors", e));
        seconds.ifPresent(s -> json.put("seconds", s));
        command.ifPresent(c -> json.put("command", c));
        return json;
    }

    private static OptionalDouble optionalDouble(JsonObject json, String key) {
        Double number = json.getDouble(key);
        return number == null ? OptionalDouble.empty() : OptionalDouble.of(number);
    }

    private static OptionalLong optionalLong(JsonObject json, String key) {
        Long number = json.getLong(key);
        return number == null ? OptionalLong.empty() : OptionalLong.of(number);
    }
}
