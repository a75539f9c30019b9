package jp.shomei.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.concurrent.Callable;
import jp.shomei.app.audit.AuditKeyFile;
import jp.shomei.app.config.ShomeiConfig;
import jp.shomei.ca.audit.chain.AuditChainVerifier;
import jp.shomei.ca.audit.chain.AuditVerdict;
import jp.shomei.ca.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "audit", mixinStandardHelpOptions = true, description = "The tamper-evident audit log.",
        subcommands = AuditCommand.Verify.class)
final class AuditCommand {

    /** Exit codes of {@code shomei audit verify}, documented in docs/audit.md. */
    static final int INTACT = 0;
    static final int TAMPERED = 1;
    static final int CANNOT_VERIFY = 3;

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Walks the audit log's hash chain and checks every signed checkpoint; names the first"
                    + " modified, removed, inserted or reordered entry, or the first bad checkpoint.",
            exitCodeListHeading = "Exit codes:%n",
            exitCodeList = {"0:the log is intact", "1:the log was tampered with (the first problem is printed)",
                    "2:wrong usage", "3:the log could not be verified (database or key file unreadable)"})
    static final class Verify implements Callable<Integer> {

        @Mixin
        DataDirectoryOption data;

        @Option(names = "--audit-key", paramLabel = "FILE",
                description = "The audit key's public half as PEM (default: <data>/audit/audit-key.pem, written by the server).")
        Path auditKey;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            AuditVerdict verdict;
            try {
                ShomeiConfig config = ShomeiConfig.load(data.directory, System.getenv());
                PublicKey key = AuditKeyFile.read(auditKey != null ? auditKey : AuditKeyFile.in(config.dataDirectory()));
                try (Store store = Store.open(config.database())) {
                    verdict = new AuditChainVerifier(store, key).verify();
                }
            } catch (IOException | RuntimeException e) {
                err.println("shomei: cannot verify the audit log: " + e.getMessage());
                return CANNOT_VERIFY;
            }
            if (verdict.firstProblem().isPresent()) {
                out.println("audit log TAMPERED after " + verdict.entries() + " good entries: "
                        + verdict.firstProblem().get().message());
                out.flush();
                return TAMPERED;
            }
            out.println("audit log intact: " + verdict.entries() + " entries chained, " + verdict.checkpoints()
                    + " checkpoints verified, " + verdict.unsignedTail() + " entries after the newest checkpoint");
            out.flush();
            return INTACT;
        }
    }
}
