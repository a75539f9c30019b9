package jp.shomei.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import jp.shomei.app.support.Curl;
import jp.shomei.app.support.RunningShomei;
import jp.shomei.ca.api.credentials.LocalCredentials;
import jp.shomei.ca.authority.CaKind;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The {@code shomei} command line, run in this process as main runs it, with its output captured. */
class ShomeiCommandLineTest {

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

    /** What one run of the command line left behind. */
    record Run(int exitCode, String out, String err) {
    }

    static Run shomei(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = ShomeiCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    @Test
    void everyCommandAndSubcommandPrintsItsUsageForHelpAndExitsZero() {
        List<List<String>> commands = new ArrayList<>();
        collect(ShomeiCommand.commandLine(), List.of(), commands);
        assertThat(commands).contains(List.of(), List.of("start"), List.of("ca"), List.of("ca", "cert"),
                List.of("client"), List.of("demo"));

        for (List<String> command : commands) {
            String[] args = Stream.concat(command.stream(), Stream.of("--help")).toArray(String[]::new);
            Run run = shomei(args);
            assertThat(run.exitCode()).as("exit code of shomei %s", String.join(" ", args)).isZero();
            assertThat(run.out()).as("output of shomei %s", String.join(" ", args))
                    .containsPattern("(?m)^Usage: " + String.join(" ", Stream.concat(Stream.of("shomei"), command.stream())
                            .toList()) + "( |$)");
            assertThat(run.err()).isEmpty();
        }
    }

    @Test
    void caCertSignPrintsTheSigningCaCertificateTheServerCreated() throws Exception {
        Run run = shomei("ca", "cert", "sign", "--data", shomei.dataDirectory.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(parse(run.out()).getEncoded())
                .isEqualTo(shomei.server.authorities().issuing(CaKind.SIGNING).authority().certificate().getEncoded());
    }

    @Test
    void caCertAuthPrintsTheAuthenticationCaCertificateNotTheSigningOne() throws Exception {
        Run run = shomei("ca", "cert", "auth", "--data", shomei.dataDirectory.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(parse(run.out()).getEncoded())
                .isEqualTo(shomei.server.authorities().issuing(CaKind.AUTHENTICATION).authority().certificate().getEncoded());
    }

    @Test
    void caCertOnADataDirectoryWithoutCasExitsOneAndSaysToStartShomeiFirst(@TempDir Path empty) {
        Run run = shomei("ca", "cert", "sign", "--data", empty.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("no sign CA").contains("start");
    }

    @Test
    void aRegisteredVerifierIsListedAndReachesItsListenerWithTheCredentialIssuedToIt() {
        Run registered = shomei("verifier", "register", "bank-a", "--class", "both", "--purpose", "account opening",
                "--rate", "20", "--data", shomei.dataDirectory.toString());
        Run listed = shomei("verifier", "list", "--data", shomei.dataDirectory.toString());
        String trust = shomei.server.credentials().operationsCa().certificate().toString();
        LocalCredentials.Credential bank = shomei.server.credentials().verifier("bank-a");
        LocalCredentials.Credential municipality = shomei.server.credentials().client(RunningShomei.CHIYODA);
        Curl asBank = new Curl(shomei.work, shomei.server.verifierUrl(), List.of("--cacert", trust,
                "--cert", bank.certificate().toString(), "--key", bank.privateKey().toString()));
        Curl asMunicipality = new Curl(shomei.work, shomei.server.verifierUrl(), List.of("--cacert", trust,
                "--cert", municipality.certificate().toString(), "--key", municipality.privateKey().toString()));

        assertThat(registered.exitCode()).as(registered.err()).isZero();
        assertThat(registered.out()).contains("registered verifier bank-a (both, 20 requests/s)");
        assertThat(listed.out()).contains("bank-a\tboth\t20/s").contains("account opening");
        assertThat(asBank.get("/v1/feed").status()).isEqualTo(200);
        assertThat(asMunicipality.get("/v1/feed").status()).isEqualTo(403);
        assertThat(asBank.get("/openapi.yaml").body()).startsWith("openapi: 3.");
    }

    private static void collect(CommandLine commandLine, List<String> path, List<List<String>> into) {
        into.add(path);
        commandLine.getSubcommands().forEach((name, subcommand) -> {
            if (subcommand.getCommandName().equals(name)) { // aliases name the same command again
                List<String> longer = new ArrayList<>(path);
                longer.add(name);
                collect(subcommand, longer, into);
            }
        });
    }

    private static X509CertificateHolder parse(String pem) throws Exception {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            X509CertificateHolder certificate = (X509CertificateHolder) parser.readObject();
            assertThat(parser.readObject()).as("a single certificate").isNull();
            return certificate;
        }
    }
}
