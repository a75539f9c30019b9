package jp.shomei.benchmarks.report;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import jp.shomei.benchmarks.results.RunResults;

/**
 * Rewrites the generated part of BENCHMARKS.md from a results directory.
 *
 * <p>Usage: {@code ReportMain <results directory> <BENCHMARKS.md>}
 */
public final class ReportMain {

    private ReportMain() {
    }

    public static void main(String[] args) throws Exception {
        Path results = Path.of(args[0]);
        Path document = Path.of(args[1]);
        String generated = BenchmarksReport.render(RunResults.read(results));
        Files.writeString(document, GeneratedSection.replace(Files.readString(document, StandardCharsets.UTF_8), generated),
                StandardCharsets.UTF_8);
        System.out.println("rewrote the generated part of " + document + " from " + results);
    }
}
