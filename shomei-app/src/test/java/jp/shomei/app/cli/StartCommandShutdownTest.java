package jp.shomei.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import jp.shomei.app.cli.ShomeiCommandLineTest.Run;
import jp.shomei.app.support.ApiBodies;
import jp.shomei.app.support.RunningShomei;
import jp.shomei.app.support.ShomeiProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code shomei start} stopped with SIGTERM, as systemd or an operator stops it, shuts down in order:
 * listeners first, then the periodic work with its final audit checkpoint, then the store and keys. The
 * log says so in one line and holds no error, and the data directory opens cleanly afterwards.
 */
class StartCommandShutdownTest {

    @TempDir
    Path root;

    @Test
    void sigtermStopsTheServerWithOneStoppedLineNoErrorAndAnIntactAuditLog() {
        Path data = root.resolve("data");
        ShomeiProcess server = ShomeiProcess.start(data, RunningShomei.environmentForThisRun(), 0);
        try {
            assertThat(server.as(RunningShomei.CHIYODA).put("/v1/residents/30000000001", ApiBodies.taroInChiyoda())
                    .status()).isEqualTo(201);

            int exitCode = server.stop(Duration.ofMinutes(2));

            String log = server.output();
            assertThat(exitCode).as("a stop asked for is a success: " + log).isZero();
            assertThat(log).doesNotContain(" ERROR ").doesNotContain("Exception");
            assertThat(log.lines().filter(line -> line.endsWith("shomei stopped"))).as(log).hasSize(1);
        } finally {
            server.close();
        }
        Run verify = ShomeiCommandLineTest.shomei("audit", "verify", "--data", data.toString());
        assertThat(verify.exitCode()).as(verify.err()).isZero();
        assertThat(verify.out()).startsWith("audit log intact: ").contains("0 entries after the newest checkpoint");
    }
}
