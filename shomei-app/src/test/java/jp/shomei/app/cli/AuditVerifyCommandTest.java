package jp.shomei.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import jp.shomei.app.audit.AuditKeyFile;
import jp.shomei.app.cli.ShomeiCommandLineTest.Run;
import jp.shomei.app.support.ApiBodies;
import jp.shomei.app.support.RunningShomei;
import jp.shomei.ca.audit.AuditCheckpoint;
import jp.shomei.ca.store.DatabaseConfig;
import jp.shomei.ca.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code shomei audit verify} on the data directory of a real server: the server makes its audit key
 * and signs checkpoints on schedule and at shutdown; the command passes the untouched log and names
 * the one row edited afterwards with plain SQL.
 */
class AuditVerifyCommandTest {

    @TempDir
    Path root;

    @Test
    void theServerChecksPointsItsLogAndVerifyNamesTheOneEditedRow() throws Exception {
        Path data = root.resolve("data");
        try (RunningShomei shomei = RunningShomei.start(root, Map.of("audit.checkpoint-interval", "PT1S"))) {
            String resident = shomei.newResidentCode();
            assertThat(shomei.as(RunningShomei.CHIYODA).put("/v1/residents/" + resident, ApiBodies.taroInChiyoda())
                    .status()).isEqualTo(201);
            long head = awaitCheckpointOfHead(shomei.server.store());

            Run whileRunning = verify(data);
            assertThat(whileRunning.exitCode()).as(whileRunning.err()).isZero();
            assertThat(whileRunning.out()).startsWith("audit log intact: " + head + " entries chained, ")
                    .contains("0 entries after the newest checkpoint");
        }
        assertThat(Files.readString(AuditKeyFile.in(data))).startsWith("-----BEGIN PUBLIC KEY-----");

        try (Connection connection = DriverManager.getConnection(DatabaseConfig.embedded(data).url(), "shomei", "");
             Statement sql = connection.createStatement()) {
            sql.executeUpdate("UPDATE audit_record SET detail = 'created nothing' WHERE seq = 2");
        }
        Run tampered = verify(data);

        assertThat(tampered.exitCode()).isEqualTo(1);
        assertThat(tampered.out()).isEqualTo("audit log TAMPERED after 1 good entries:"
                + " entry 2 modified: its stored hash does not match its contents\n");
    }

    @Test
    void withoutTheAuditKeyFileVerifyCannotRunAndSaysWhy() {
        Run run = ShomeiCommandLineTest.shomei("audit", "verify", "--data", root.toString(),
                "--audit-key", root.resolve("absent.pem").toString());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).startsWith("shomei: cannot verify the audit log: ").contains("absent.pem");
    }

    /** The schedule ticks every second of real time; a checkpoint covering the newest entry must follow. */
    private static long awaitCheckpointOfHead(Store store) throws InterruptedException {
        long head = store.read(tx -> tx.auditCount());
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            List<AuditCheckpoint> checkpoints = store.read(tx -> tx.auditCheckpoints());
            if (!checkpoints.isEmpty() && checkpoints.get(checkpoints.size() - 1).sequence() == head) {
                return head;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no checkpoint of entry " + head + " within 30 seconds");
    }

    private static Run verify(Path data) {
        return ShomeiCommandLineTest.shomei("audit", "verify", "--data", data.toString());
    }
}
