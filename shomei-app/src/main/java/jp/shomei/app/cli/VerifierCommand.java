package jp.shomei.app.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import jp.shomei.app.config.ShomeiConfig;
import jp.shomei.ca.api.credentials.LocalCredentials;
import jp.shomei.ca.store.Store;
import jp.shomei.ca.verifier.Verifier;
import jp.shomei.ca.verifier.VerifierClass;
import jp.shomei.ca.verifier.VerifierRegistry;
import jp.shomei.verifier.access.VerifierIdentity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "verifier", mixinStandardHelpOptions = true, description = "The register of relying parties (verifiers).",
        subcommands = {VerifierCommand.Register.class, VerifierCommand.ListVerifiers.class})
final class VerifierCommand {

    @Command(name = "register", mixinStandardHelpOptions = true,
            description = {"Registers a verifier with its class, stated purpose and client certificate.",
                    "Without --certificate a client credential is issued by the local operations CA under "
                            + "<data>/credentials/verifiers/. The verifier listener trusts the operations CA only."})
    static final class Register implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "ID", description = "Verifier id: lowercase letters, digits and '-'.")
        String id;

        @Option(names = "--class", required = true, paramLabel = "signature|authentication|both",
                description = "Which certificates the verifier may see.")
        String verifierClass;

        @Option(names = "--purpose", required = true, description = "The purpose the verifier states for basic-four disclosure.")
        String purpose;

        @Option(names = "--certificate", paramLabel = "PEM", description = "The verifier's own client certificate (issued by the operations CA).")
        Path certificate;

        @Option(names = "--rate", defaultValue = "50", description = "Requests a second it may make (default: ${DEFAULT-VALUE}).")
        int rate;

        @Mixin
        DataDirectoryOption data;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException, CertificateException {
            ShomeiConfig config = ShomeiConfig.load(data.directory, System.getenv());
            LocalCredentials credentials = new LocalCredentials(config.dataDirectory().resolve("credentials"), Clock.systemUTC());
            if (certificate == null && !Files.exists(credentials.operationsCa().certificate())) {
                throw new IllegalStateException("no operations CA in " + credentials.directory()
                        + " yet; run ./shomei start once to create it, or give --certificate");
            }
            Path certificateFile = certificate != null ? certificate : credentials.ensureVerifier(id).certificate();
            X509Certificate client = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(certificateFile)));
            Verifier verifier = new Verifier(id, VerifierClass.fromLabel(verifierClass), purpose,
                    VerifierIdentity.sha256(client), rate, Clock.systemUTC().instant().truncatedTo(ChronoUnit.MICROS));
            try (Store store = Store.open(config.database())) {
                new VerifierRegistry(store).register(verifier, "operator:" + System.getProperty("user.name"));
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println("registered verifier " + id + " (" + verifier.verifierClass().label() + ", "
                    + rate + " requests/s), certificate sha256 " + verifier.certificateSha256());
            out.println("client certificate: " + certificateFile);
            if (certificate == null) {
                out.println("client key: " + credentials.verifier(id).privateKey());
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the registered verifiers.")
    static final class ListVerifiers implements Callable<Integer> {

        @Mixin
        DataDirectoryOption data;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            ShomeiConfig config = ShomeiConfig.load(data.directory, System.getenv());
            PrintWriter out = spec.commandLine().getOut();
            try (Store store = Store.open(config.database())) {
                for (Verifier verifier : new VerifierRegistry(store).list()) {
                    out.printf("%s\t%s\t%d/s\t%s\t%s%n", verifier.id(), verifier.verifierClass().label(),
                            verifier.requestsPerSecond(), verifier.certificateSha256(), verifier.purpose());
                }
            }
            out.flush();
            return 0;
        }
    }
}
