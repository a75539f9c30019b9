package jp.shomei.benchmarks.results;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/** Latency percentiles in milliseconds, each optional: p50, p90, p99, p999 and max, in that order. */
public record Latency(Map<String, Double> millis) {

    public static final List<String> PERCENTILES = List.of("p50", "p90", "p99", "p999", "max");

    public Latency {
        millis = Map.copyOf(millis);
    }

    public OptionalDouble get(String percentile) {
        Double value = millis.get(percentile);
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    static Latency fromJson(JsonObject json) {
        Map<String, Double> millis = new LinkedHashMap<>();
        for (String percentile : PERCENTILES) {
            Double value = json.getDouble(percentile);
            if (value != null) {
                millis.put(percentile, value);
            }
        }
        return new Latency(millis);
    }

    JsonObject toJson() {
        JsonObject json = new JsonObject();
        PERCENTILES.forEach(p -> get(p).ifPresent(v -> json.put(p, v)));
        return json;
    }
}
