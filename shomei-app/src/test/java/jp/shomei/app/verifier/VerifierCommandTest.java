package jp.shomei.app.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import jp.shomei.app.cli.ShomeiCommand;
import jp.shomei.app.support.Curl;
import jp.shomei.app.support.RunningShomei;
import jp.shomei.ca.api.credentials.LocalCredentials;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** An operator registers a verifier with the command line, and the verifier reaches its own listener with curl. */
class VerifierCommandTest {

    @TempDir
    static Path root;
    static RunningShomei shomei;

    @BeforeAll
    static void start() {
        shomei = RunningShomei.start(root);
    }

    @AfterAll
    static void stop() {
        if (shomei != null) {
            shomei.close();
        }
    }

    @Test
    void a_registered_verifier_is_listed_and_authenticates_with_the_credential_issued_to_it() {
        String registered = shomei("verifier", "register", "bank-a", "--class", "both", "--purpose", "account opening",
                "--rate", "20", "--data", shomei.dataDirectory.toString());
        String listed = shomei("verifier", "list", "--data", shomei.dataDirectory.toString());
        LocalCredentials.Credential credential = shomei.server.credentials().verifier("bank-a");
        Curl bank = new Curl(shomei.work, shomei.server.verifierUrl(), List.of(
                "--cacert", shomei.server.credentials().operationsCa().certificate().toString(),
                "--cert", credential.certificate().toString(), "--key", credential.privateKey().toString()));
        Curl municipality = new Curl(shomei.work, shomei.server.verifierUrl(), List.of(
                "--cacert", shomei.server.credentials().operationsCa().certificate().toString(),
                "--cert", shomei.server.credentials().client(RunningShomei.CHIYODA).certificate().toString(),
                "--key", shomei.server.credentials().client(RunningShomei.CHIYODA).privateKey().toString()));

        assertThat(registered).contains("registered verifier bank-a (both, 20 requests/s)");
        assertThat(listed).contains("bank-a\tboth\t20/s").contains("account opening");
        assertThat(bank.get("/v1/feed").status()).isEqualTo(200);
        assertThat(municipality.get("/v1/feed").status()).isEqualTo(403);
        assertThat(bank.get("/openapi.yaml").body()).startsWith("openapi: 3.");
    }

    private static String shomei(String... args) {
        CommandLine commandLine = ShomeiCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        assertThat(commandLine.execute(args)).as(err.toString()).isZero();
        return out.toString();
    }
}
