package jp.shomei.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.Callable;
import jp.shomei.app.config.ShomeiConfig;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.ca.store.Store;
import jp.shomei.ca.store.StoredCaCertificate;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "ca", mixinStandardHelpOptions = true, description = "Certificate authority information.",
        subcommands = CaCommand.Cert.class)
final class CaCommand {

    @Command(name = "cert", mixinStandardHelpOptions = true,
            description = "Prints a CA certificate as PEM: the issuing generation, or every generation with --all.")
    static final class Cert implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "sign|auth", description = "Which CA: sign (digital signature) or auth (user authentication).")
        String kind;

        @Option(names = "--all", description = "Print every generation of the CA, oldest first.")
        boolean all;

        @Mixin
        DataDirectoryOption data;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            CaKind caKind = CaKind.fromPathName(kind);
            ShomeiConfig config = ShomeiConfig.load(data.directory, System.getenv());
            List<StoredCaCertificate> generations;
            try (Store store = Store.open(config.database())) {
                generations = store.read(tx -> tx.caCertificates()).stream()
                        .filter(ca -> ca.kind() == caKind)
                        .sorted(java.util.Comparator.comparingInt(StoredCaCertificate::generation))
                        .toList();
            }
            if (generations.isEmpty()) {
                spec.commandLine().getErr().println("shomei: no " + kind + " CA in " + config.dataDirectory()
                        + " yet; run ./shomei start once to create it");
                return 1;
            }
            List<StoredCaCertificate> shown = all ? generations : List.of(generations.get(generations.size() - 1));
            PrintWriter out = spec.commandLine().getOut();
            for (StoredCaCertificate ca : shown) {
                out.print(pem(new X509CertificateHolder(ca.der())));
            }
            out.flush();
            return 0;
        }

        private static String pem(X509CertificateHolder certificate) throws IOException {
            StringWriter text = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
                writer.writeObject(certificate);
            }
            return text.toString();
        }
    }
}
