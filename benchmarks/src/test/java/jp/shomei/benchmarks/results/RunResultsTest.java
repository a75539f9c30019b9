package jp.shomei.benchmarks.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunResultsTest {

    static Path sample() throws Exception {
        return Path.of(RunResultsTest.class.getResource("/results-sample").toURI());
    }

    private static Map<String, Measured> byName(List<Measured> figures) {
        return figures.stream().collect(Collectors.toMap(m -> m.figure().name(), Function.identity()));
    }

    @Test
    void aFilesAreaIsItsNameUpToTheFirstDash() throws Exception {
        RunResults run = RunResults.read(sample());

        assertThat(run.areas()).containsOnlyKeys("ocsp", "signing");
        assertThat(run.machine().getString("commit")).isEqualTo("abc1234");
        assertThat(run.loadAverages()).containsExactly(new RunResults.PieceLoad("signing", "1.00", "1.50", "61"),
                new RunResults.PieceLoad("ocsp-http", "1.50", "2.25", "95"));
    }

    @Test
    void aJmhBenchmarkIsComparedWithTheRawBenchmarkOfItsClassAndThreads() throws Exception {
        Map<String, Measured> jmh = byName(RunResults.read(sample()).areas().get("signing"));

        Measured validation = jmh.get("ValidationBenchmark.validatePathAndStatus (2 threads)");
        assertThat(validation.figure().baseline()).contains(new Figure.Baseline(
                "ValidationBenchmark.rawRsa2048Verification (2 threads)", OptionalDouble.of(2000.0)));
        assertThat(validation.errorMargin()).hasValue(10.0);
        assertThat(validation.figure().command()).contains("java -cp benchmarks.jar org.openjdk.jmh.Main -t 2 -rf json");
        assertThat(jmh.get("OcspSigningBenchmark.rawSignature (2 threads)").figure().baseline()).isEmpty();
        assertThat(jmh.get("ValidationBenchmark.rawRsa2048Verification (2 threads)").errorMargin()).isEmpty();
    }

    @Test
    void aBaselineNamedWithoutValueTakesTheValueOfThatFigureInTheSameRun() throws Exception {
        Map<String, Measured> ocsp = byName(RunResults.read(sample()).areas().get("ocsp"));

        assertThat(ocsp.get("POST nonce").figure().baseline().orElseThrow().value()).hasValue(1200.0);
        assertThat(ocsp.get("POST to a responder that did not run").figure().baseline().orElseThrow().value()).isEmpty();
    }

    @Test
    void aWrittenFileReadsBackFigureForFigure(@TempDir Path directory) throws Exception {
        Figure full = Figure.of("nonce POST", "requests/s", 708.5).withBaseline("raw signing", 1178)
                .withLatency(new Latency(Map.of("p50", 20.0, "p99", 90.0))).withCounts(10_620, 2, 15.0)
                .withCommand("wrk -t2 -c32");
        Figure bare = Figure.of("CRL entries", "entries/s", 308_563);
        Path file = directory.resolve("crl-single.json");

        ResultFile.write(file, List.of(full, bare));

        assertThat(RunResults.read(directory).areas().get("crl")).extracting(Measured::figure).containsExactly(full, bare);
    }

    @Test
    void oneObjectOverSeveralLinesIsOneFigure() {
        assertThat(ResultFile.parse("{\n  \"name\": \"x\",\n  \"unit\": \"s\",\n  \"value\": 1.5\n}\n"))
                .containsExactly(Figure.of("x", "s", 1.5));
    }
}
