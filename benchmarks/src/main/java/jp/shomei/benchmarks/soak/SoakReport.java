package jp.shomei.benchmarks.soak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.shomei.benchmarks.load.LoadResult;
import jp.shomei.benchmarks.load.ResultFile;

/**
 * The soak's results: one contract figure per operation and for the heap, and a markdown summary.
 * Skipped requests are those the schedule had due when there was nothing to act on (no live
 * certificate to renew or revoke, no resident or card key ready to issue for).
 */
record SoakReport(Map<String, LoadResult> peaks, Map<String, Double> rates, Map<String, LoadResult> soaked,
                  List<HeapSampler.Sample> heap, Optional<Retained> retained, String loadAtStart, String loadAtEnd,
                  String command) {

    /**
     * Heap bytes the server retained after a full collection just before the soak, at a third of it and
     * at its end. Level means the end is within 10 % and 8 MB of the third: what grew after the caches
     * had filled.
     */
    record Retained(long before, long third, long after) {

        boolean level() {
            return after <= third * 1.1 + 8 * MEGABYTE;
        }
    }

    private static final double MEGABYTE = 1048576.0;

    /** Writes the figures and {@code soak.md} to {@code results}; returns the markdown. */
    String write(Path results) {
        StringBuilder md = new StringBuilder();
        md.append("| operation | peak alone (requests/s) | soak target (requests/s) | soak achieved | p50 ms | p90 ms | p99 ms "
                + "| max ms | requests | errors | skipped |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
        soaked.forEach((name, result) -> {
            LoadResult alone = peaks.get(name);
            ResultFile.write(results, ResultFile.withBaseline(ResultFile.throughput(result, command), alone.name(),
                    alone.perSecond()));
            md.append(String.format("| %s | %,.1f | %,.1f | %,.1f | %.1f | %.1f | %.1f | %.1f | %,d | %d%s | %d |%n", name,
                    alone.perSecond(), rates.get(name), result.perSecond(), result.latencyMillis(50),
                    result.latencyMillis(90), result.latencyMillis(99), result.latencyMillis(100), result.requests(),
                    result.errors(), result.errorKinds().isEmpty() ? "" : " " + result.errorKinds(), result.skipped()));
        });
        double seconds = soaked.values().stream().mapToDouble(LoadResult::seconds).max().orElse(0);
        double first = heap.get(0).megabytes();
        double last = heap.get(heap.size() - 1).megabytes();
        double max = heap.stream().mapToDouble(HeapSampler.Sample::megabytes).max().orElseThrow();
        ResultFile.write(results, ResultFile.measurement("soak-heap-used-first", "MB", first, seconds, command));
        ResultFile.write(results, ResultFile.measurement("soak-heap-used-last", "MB", last, seconds, command));
        ResultFile.write(results, ResultFile.measurement("soak-heap-used-max", "MB", max, seconds, command));
        md.append(String.format("%nServer heap in use (/metrics every 10 s, %d samples): first %.0f MB, last %.0f MB, "
                + "max %.0f MB; %s.%n", heap.size(), first, last, max, HeapSampler.verdict(heap)));
        if (retained.isPresent()) {
            long issued = soaked.entrySet().stream().filter(e -> e.getKey().equals("issuance") || e.getKey().equals("renewal"))
                    .mapToLong(e -> e.getValue().requests() - e.getValue().errors()).sum();
            Retained heap = retained.get();
            ResultFile.write(results, ResultFile.measurement("soak-heap-retained-before", "MB", heap.before() / MEGABYTE,
                    seconds, command));
            ResultFile.write(results, ResultFile.measurement("soak-heap-retained-third", "MB", heap.third() / MEGABYTE,
                    seconds, command));
            ResultFile.write(results, ResultFile.withBaseline(ResultFile.measurement("soak-heap-retained-after", "MB",
                    heap.after() / MEGABYTE, seconds, command), "soak-heap-retained-third", heap.third() / MEGABYTE));
            md.append(String.format("Heap retained after a full collection (jcmd GC.run): %.1f MB before the soak, %.1f MB "
                    + "at a third of it, %.1f MB at its end; %s: %+.1f MB over the last two thirds, in which about %,d "
                    + "certificates were issued or renewed.%n", heap.before() / MEGABYTE, heap.third() / MEGABYTE,
                    heap.after() / MEGABYTE, heap.level() ? "level" : "growing", (heap.after() - heap.third()) / MEGABYTE,
                    issued * 2 / 3));
        }
        md.append("Samples (s: MB): ");
        heap.forEach(sample -> md.append(String.format("%.0f: %.0f; ", sample.seconds(), sample.megabytes())));
        md.append(String.format("%n%nMachine: %s at start, %s at end.%n", loadAtStart, loadAtEnd));
        try {
            Files.createDirectories(results);
            Files.writeString(results.resolve("soak.md"), md.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return md.toString();
    }
}
