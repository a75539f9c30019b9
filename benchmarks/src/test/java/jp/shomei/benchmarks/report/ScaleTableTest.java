package jp.shomei.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import jp.shomei.benchmarks.results.Figure;
import jp.shomei.benchmarks.results.Measured;
import jp.shomei.benchmarks.results.RunResults;
import org.junit.jupiter.api.Test;

class ScaleTableTest {

    private static Measured figure(String name, String unit, double value, long certificates) {
        return new Measured(Figure.fromJson(new JsonObject().put("name", name).put("unit", unit).put("value", value)
                .put("requests", certificates)), OptionalDouble.empty());
    }

    private static RunResults run(JsonObject machine, Measured... figures) {
        return new RunResults(machine, List.of(), Map.of("population", List.of(figures)));
    }

    private static final RunResults SUITE = run(new JsonObject(),
            figure("population-server-start", "ms", 10_000, 1_000),
            figure("population-h2-compacted-bytes-per-certificate", "bytes", 5_000, 1_000),
            figure("population-postgresql-bytes-per-certificate", "bytes", 4_500, 990));

    private static final RunResults MILLION = run(new JsonObject().put("command",
                    "benchmarks/scripts/population-scale.sh 0 /work/pop-1m 0").put("started", "2026-12-04T13:57:00Z")
                    .put("finished", "2026-12-04T14:01:00Z").put("commit", "18d9278").put("loadAverage", "1.4 at start, 3.2 at end"),
            figure("population-server-start", "ms", 20_000, 1_001_000),
            figure("population-h2-compacted-bytes-per-certificate", "bytes", 2_000, 1_001_000),
            new Measured(Figure.fromJson(new JsonObject().put("name", "population-ocsp-random-serials")
                    .put("unit", "requests/s").put("value", 30_000).put("baseline", new JsonObject()
                            .put("name", "population-health").put("value", 25_000))
                    .put("latencyMs", new JsonObject().put("p99", 15.9))), OptionalDouble.empty()));

    private static String rendered() {
        return ScaleTable.render(ScaleTable.populations(SUITE, List.of(MILLION)));
    }

    @Test
    void eachPopulationIsAColumnSmallestFirstThenTheNationalExtrapolation() {
        assertThat(rendered()).contains(
                "| measure | 1,000 certificates | 1,001,000 certificates | 200,000,000 (extrapolated) |");
    }

    @Test
    void aTimeIsExtrapolatedAlongTheLineThroughTheTwoLargestPopulations() {
        // 10 s at 1,000 and 20 s at 1,001,000: 10 µs per certificate more, so 20 s + 198,999,000 × 10 µs
        assertThat(rendered()).contains("| start to `shomei ready` | 10.0 s | 20.0 s | 33.5 min |");
    }

    @Test
    void twoPopulationsOfOneSizeGiveNoLineSoATimeFallsBackToTheLargestsCostPerCertificate() {
        RunResults again = run(new JsonObject(), figure("population-server-start", "ms", 30_000, 1_001_000));
        // 30 s for 1,001,000 certificates, times 200,000,000 / 1,001,000
        assertThat(ScaleTable.render(ScaleTable.populations(SUITE, List.of(MILLION, again))))
                .contains("| start to `shomei ready` | 10.0 s | 20.0 s | 30.0 s | 99.9 min |");
    }

    @Test
    void aSizeIsTheLargestPopulationsFigurePerCertificateTimesTheNation() {
        assertThat(rendered())
                .contains("| H2 file after `shomei store compact`, per certificate | 5,000 B | 2,000 B | 400 GB |")
                .contains("| PostgreSQL tables and indexes, per certificate | 4,500 B (of 990) | — | 900 GB |");
    }

    @Test
    void aFigureWithABaselineShowsTheirRatioAndItsP99AndIsNotExtrapolated() {
        assertThat(rendered()).contains("| OCSP POST for random stored serials (baseline: `/health` of the same server) "
                + "| — | 30,000 requests/s, 1.20 × baseline, p99 15.9 ms | — |");
    }

    @Test
    void aRowNoPopulationMeasuredIsLeftOut() {
        assertThat(rendered()).doesNotContain("audit entries").doesNotContain("generation on 2 workers");
    }

    @Test
    void eachKeptPopulationSaysWhichCommandMeasuredItWhenAndAtWhichCommit() {
        assertThat(rendered())
                .contains("- 1,000 certificates: the suite run above\n")
                .contains("- 1,001,000 certificates: `benchmarks/scripts/population-scale.sh 0 /work/pop-1m 0`, "
                        + "2026-12-04T13:57:00Z to 2026-12-04T14:01:00Z, commit 18d9278, load average 1.4 at start, 3.2 at end\n");
    }

    @Test
    void aRunWithoutAPopulationAddsNoTable() {
        assertThat(ScaleTable.render(ScaleTable.populations(new RunResults(new JsonObject(), List.of(), Map.of()),
                List.of()))).isEmpty();
    }
}
