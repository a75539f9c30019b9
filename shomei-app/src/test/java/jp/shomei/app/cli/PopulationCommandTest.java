package jp.shomei.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import jp.shomei.app.cli.ShomeiCommandLineTest.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code shomei population generate} on a new data directory: generates, resumes, and keeps its plan. */
class PopulationCommandTest {

    @TempDir
    Path data;

    @Test
    void generatesThenFindsNothingLeftToDoAndRefusesAnotherPlanForTheSameStore() {
        Run first = ShomeiCommandLineTest.shomei("population", "generate", "--residents", "12", "--batch", "5",
                "--data", data.toString());
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("population: 12 residents, seed 1, 3 simulated years")
                .contains("this run: 12 residents,").containsPattern("generation runs at [0-9.]+ of raw signing");
        assertThat(first.err()).contains("100.0%  12/12 residents").contains("cert/s  ETA");

        Run again = ShomeiCommandLineTest.shomei("population", "generate", "--residents", "12", "--batch", "5",
                "--data", data.toString());
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.err()).contains("resuming: 12 of 12 residents were stored by an earlier run");
        assertThat(again.out()).contains("this run: 0 residents, 0 certificates");

        Run other = ShomeiCommandLineTest.shomei("population", "generate", "--residents", "13", "--data",
                data.toString());
        assertThat(other.exitCode()).isEqualTo(1);
        assertThat(other.err()).contains("holds another population (12 residents, seed 1");
    }
}
