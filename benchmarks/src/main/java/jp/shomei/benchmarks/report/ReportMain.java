package jp.shomei.benchmarks.report;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import jp.shomei.benchmarks.results.RunResults;

/**
 * Rewrites the generated part of BENCHMARKS.md from a results directory, and, given a scale directory, from
 * the results kept in each of its subdirectories (population-scale.sh on populations too large for a suite run).
 *
 * <p>Usage: {@code ReportMain <results directory> <BENCHMARKS.md> [<scale directory>]}
 */
public final class ReportMain {

    private ReportMain() {
    }

    public static void main(String[] args) throws Exception {
        Path results = Path.of(args[0]);
        Path document = Path.of(args[1]);
        List<RunResults> scaleRuns = new ArrayList<>();
        if (args.length > 2) {
            try (Stream<Path> kept = Files.list(Path.of(args[2]))) {
                for (Path directory : kept.filter(Files::isDirectory).sorted().toList()) {
                    scaleRuns.add(RunResults.read(directory));
                }
            }
        }
        String generated = BenchmarksReport.render(RunResults.read(results), scaleRuns);
        Files.writeString(document, GeneratedSection.replace(Files.readString(document, StandardCharsets.UTF_8), generated),
                StandardCharsets.UTF_8);
        System.out.println("rewrote the generated part of " + document + " from " + results);
    }
}
