package jp.shomei.benchmarks.load;

import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What one load run measured. {@code requests} counts every answered or failed exchange;
 * {@code errors} those answered with another status than expected or not answered in time (by kind
 * in {@code errorKinds}); {@code skipped} the scheduled requests the source had nothing for.
 * Latencies, in microseconds, are of correct answers only.
 */
public record LoadResult(String name, long requests, long errors, long skipped, double seconds, Histogram latencyMicros,
                         Map<String, Long> errorKinds) {

    /** Correct answers per second. */
    public double perSecond() {
        return (requests - errors) / seconds;
    }

    public double latencyMillis(double percentile) {
        return latencyMicros.getTotalCount() == 0 ? 0 : latencyMicros.getValueAtPercentile(percentile) / 1000.0;
    }

    public String summary() {
        return String.format("%s: %,d requests in %.1f s = %,.0f/s correct, %d errors%s%s, latency ms p50 %.2f p90 %.2f "
                        + "p99 %.2f max %.2f", name, requests, seconds, perSecond(), errors, errorKinds.isEmpty() ? "" : " " + errorKinds,
                skipped == 0 ? "" : ", " + skipped + " skipped (nothing to send)", latencyMillis(50), latencyMillis(90),
                latencyMillis(99), latencyMillis(100));
    }
}
