package jp.shomei.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.shomei.app.cli.ShomeiCommandLineTest.Run;
import jp.shomei.app.support.ShomeiProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code shomei population generate} on a new data directory: generates, resumes, keeps its plan, and stops
 * cleanly on SIGTERM.
 */
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

    @Test
    void sigtermRollsBackTheBatchesInProgressExits130AndTheSameCommandCompletesTheRun() throws Exception {
        Path log = data.resolveSibling(data.getFileName() + "-generate.log");
        Process generating = ShomeiProcess.launch(Map.of(), log, "population", "generate",
                "--residents", "400", "--batch", "10", "--workers", "2", "--data", data.toString());
        Pattern progress = Pattern.compile("([0-9,]+)/400 residents");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (storedSoFar(log, progress) < 20 && generating.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }

        generating.destroy();

        assertThat(generating.waitFor(2, TimeUnit.MINUTES)).as("stopped within 2 minutes of SIGTERM").isTrue();
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(generating.exitValue()).as(output).isEqualTo(PopulationCommand.Generate.STOPPED);
        assertThat(output).contains("stopped on request: the batches in progress were rolled back")
                .doesNotContain("Exception").doesNotContain("already closed");

        Run resumed = ShomeiCommandLineTest.shomei("population", "generate", "--residents", "400", "--batch", "10",
                "--workers", "2", "--data", data.toString());
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        Matcher earlier = Pattern.compile("resuming: ([0-9,]+) of 400 residents were stored by an earlier run")
                .matcher(resumed.err());
        assertThat(earlier.find()).as(resumed.err()).isTrue();
        long storedBefore = Long.parseLong(earlier.group(1).replace(",", ""));
        assertThat(storedBefore).as("whole batches only, and fewer than all").isBetween(20L, 390L)
                .satisfies(count -> assertThat(count % 10).isZero());
        assertThat(resumed.out()).contains("this run: " + (400 - storedBefore) + " residents,");
    }

    @Test
    void onTheEmbeddedStoreTheRunPausesToCompactTheFileWheneverItOutgrowsItsAllowanceAndCompletes() throws Exception {
        Run run = ShomeiCommandLineTest.shomei("population", "generate", "--residents", "60", "--batch", "10",
                "--workers", "2", "--compact-growth", "1", "--data", data.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("compacted: ").containsPattern("resuming: [0-9]+ of 60 residents");
        assertThat(run.out()).contains("this run: 60 residents,").containsPattern("s of it compacting the embedded file");
        Run again = ShomeiCommandLineTest.shomei("population", "generate", "--residents", "60", "--batch", "10",
                "--data", data.toString());
        assertThat(again.err()).as("all of it in the store").contains("resuming: 60 of 60 residents");
    }

    @Test
    void aCompactionAllowanceBelowOneMebibyteIsRefused() {
        Run run = ShomeiCommandLineTest.shomei("population", "generate", "--residents", "1", "--compact-growth", "0",
                "--data", data.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("--compact-growth must be at least 1 MiB, not 0");
        assertThat(data.resolve("population.properties")).as("nothing written").doesNotExist();
    }

    /** The largest count of stored residents the progress bar has shown so far. */
    private static long storedSoFar(Path log, Pattern progress) throws Exception {
        if (!Files.exists(log)) {
            return 0;
        }
        Matcher matcher = progress.matcher(Files.readString(log, StandardCharsets.UTF_8));
        long stored = 0;
        while (matcher.find()) {
            stored = Math.max(stored, Long.parseLong(matcher.group(1).replace(",", "")));
        }
        return stored;
    }
}
