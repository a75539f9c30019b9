package jp.shomei.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.OptionalDouble;
import jp.shomei.benchmarks.results.Figure;
import jp.shomei.benchmarks.results.RunResults;
import org.junit.jupiter.api.Test;

class BenchmarksReportTest {

    private static String rendered() throws Exception {
        return BenchmarksReport.render(RunResults.read(Path.of(BenchmarksReportTest.class.getResource("/results-sample").toURI())),
                java.util.List.of());
    }

    @Test
    void theRunIsDescribedByItsCommandCommitAndMachine() throws Exception {
        assertThat(rendered())
                .contains("Command: `benchmarks/scripts/suite.sh --quick` (quick mode), started 2026-11-22T06:00:00Z, "
                        + "finished 2026-11-22T06:04:00Z, commit `abc1234`.")
                .contains("Machine: Example CPU, 2 cores, 23 GiB memory, Debian GNU/Linux 12, OpenJDK 17.0.15, "
                        + "wrk 4.1.0, OpenSSL 3.0.19.")
                .contains("**Failed pieces** (their figures are missing or partial): cmp-issuance.")
                .contains("Skipped pieces: hsm-jmh (softhsm2-util or pkcs11-tool missing).")
                .contains("Pieces run again into this run's directory (`--retry`): cmp-issuance from "
                        + "2026-11-22T06:10:00Z to 2026-11-22T06:12:00Z at commit abc1235.")
                .contains("| ocsp-http | 1.50 | 2.25 | 95 |");
    }

    @Test
    void everyFigureStandsBesideItsBaselineAndTheirRatio() throws Exception {
        assertThat(rendered())
                .contains("| GET pre-signed | 30,000 | requests/s | GET /constant: 40,000 | 0.75 | — | — | — | — | — | 300,000 | 3 |")
                .contains("| POST nonce | 600 | requests/s | OcspSigningBenchmark.rawSignature (2 threads): 1,200 | 0.50 |")
                .contains("| ValidationBenchmark.validatePathAndStatus (2 threads) | 500 ± 10.0 | ops/s "
                        + "| ValidationBenchmark.rawRsa2048Verification (2 threads): 2,000 | 0.25 |")
                .contains("| GET /constant | 40,000 | requests/s | — | — | 0.50 | 1.00 | 2.00 | 4.00 | 9.50 | 400,000 | 0 |");
    }

    @Test
    void aBaselineThatDidNotRunIsSaidSoAndGivesNoRatio() throws Exception {
        assertThat(rendered()).contains(
                "| POST to a responder that did not run | 10.0 | requests/s | openssl ocsp: not measured in this run | — |");
    }

    @Test
    void theToolsOwnRatioWinsOverTheQuotient() {
        Figure againstMeanOfTwoBaselines = new Figure("CMP", "certificates/s", 10, java.util.Optional.of(
                new Figure.Baseline("raw signing", OptionalDouble.of(71))), OptionalDouble.of(0.2),
                java.util.Optional.empty(), java.util.OptionalLong.empty(), java.util.OptionalLong.empty(),
                OptionalDouble.empty(), java.util.Optional.empty());

        assertThat(BenchmarksReport.ratio(againstMeanOfTwoBaselines)).hasValue(0.2);
        assertThat(BenchmarksReport.ratio(Figure.of("x", "s", 32.4).withBaseline("SHA-256 re-read", 0.73)).getAsDouble())
                .isCloseTo(44.38, org.assertj.core.data.Offset.offset(0.01));
        assertThat(BenchmarksReport.ratio(Figure.of("x", "s", 1).withBaseline("nothing measured", 0))).isEmpty();
    }

    @Test
    void eachAreaListsTheCommandsOfItsFigures() throws Exception {
        assertThat(rendered()).contains("### signing").contains("- `java -cp benchmarks.jar org.openjdk.jmh.Main -t 2 -rf json`")
                .contains("### ocsp").contains("- `wrk nonce`");
    }

    @Test
    void numbersKeepThreeSignificantFiguresOrWholeUnits() {
        assertThat(BenchmarksReport.number(1_178.4)).isEqualTo("1,178");
        assertThat(BenchmarksReport.number(97.25)).isEqualTo("97.3");
        assertThat(BenchmarksReport.number(0.734)).isEqualTo("0.73");
    }
}
