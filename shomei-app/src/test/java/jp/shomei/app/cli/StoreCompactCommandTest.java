package jp.shomei.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.shomei.app.cli.ShomeiCommandLineTest.Run;
import jp.shomei.app.support.RunningShomei;
import jp.shomei.app.support.ShomeiProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code shomei store compact}: the embedded H2 file rewritten to the size of its content with the service
 * stopped, the data intact; refused while the service has the store open, for a PostgreSQL store, and
 * where there is no store.
 */
class StoreCompactCommandTest {

    @TempDir
    Path root;

    @Test
    void aStoppedStoreIsRewrittenNoLargerWithEveryResidentStillInIt() {
        Path data = root.resolve("data");
        Run generated = ShomeiCommandLineTest.shomei("population", "generate", "--residents", "20", "--batch", "1",
                "--data", data.toString());
        assertThat(generated.exitCode()).as(generated.err()).isZero();

        Run compacted = ShomeiCommandLineTest.shomei("store", "compact", "--data", data.toString());

        assertThat(compacted.exitCode()).as(compacted.err()).isZero();
        Matcher sizes = Pattern.compile("compacted .*shomei\\.mv\\.db: ([0-9,]+) bytes before, ([0-9,]+) after, in ")
                .matcher(compacted.out());
        assertThat(sizes.find()).as(compacted.out()).isTrue();
        assertThat(number(sizes.group(2))).isPositive().isLessThanOrEqualTo(number(sizes.group(1)));
        Run again = ShomeiCommandLineTest.shomei("population", "generate", "--residents", "20", "--batch", "1",
                "--data", data.toString());
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.err()).as("the compacted store holds every resident").contains("resuming: 20 of 20 residents");
    }

    @Test
    void aStoreThatARunningServiceHoldsIsLeftAlone() throws Exception {
        Path data = root.resolve("running");
        try (ShomeiProcess server = ShomeiProcess.start(data, Map.of(), 0)) {
            long before = Files.size(data.resolve("db/shomei.mv.db"));

            Run refused = ShomeiCommandLineTest.shomei("store", "compact", "--data", data.toString());

            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(refused.err()).contains("is open in another process (is shomei start running?); stop it and try again");
            assertThat(server.as(RunningShomei.CHIYODA).get("/v1/ca/sign/certificates").status())
                    .as("the service still answers").isEqualTo(200);
            assertThat(Files.size(data.resolve("db/shomei.mv.db"))).isGreaterThanOrEqualTo(before);
        }
    }

    @Test
    void aPostgresqlStoreOrAMissingOneIsRefusedSayingWhy() throws Exception {
        Path postgres = Files.createDirectories(root.resolve("postgres"));
        Files.writeString(postgres.resolve("shomei.properties"), "database.url=jdbc:postgresql://127.0.0.1:1/shomei\n",
                StandardCharsets.UTF_8);
        Run onPostgres = ShomeiCommandLineTest.shomei("store", "compact", "--data", postgres.toString());
        assertThat(onPostgres.exitCode()).isEqualTo(1);
        assertThat(onPostgres.err()).contains("the store is jdbc:postgresql://127.0.0.1:1/shomei, not the embedded H2 file");

        Path empty = Files.createDirectories(root.resolve("empty"));
        Run nothing = ShomeiCommandLineTest.shomei("store", "compact", "--data", empty.toString());
        assertThat(nothing.exitCode()).isEqualTo(1);
        assertThat(nothing.err()).contains("no embedded store at " + empty.toAbsolutePath().resolve("db/shomei.mv.db"));
    }

    private static long number(String digits) {
        return Long.parseLong(digits.replace(",", ""));
    }
}
