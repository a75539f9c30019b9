package jp.shomei.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import jp.shomei.keys.ceremony.CeremonyException;
import jp.shomei.keys.ceremony.QuorumSecret;
import jp.shomei.keys.ceremony.SecretShare;
import jp.shomei.keys.ceremony.TranscriptVerifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "ceremony", mixinStandardHelpOptions = true,
        description = "Witnessed key ceremonies with an M-of-N operator quorum (docs/ceremonies.md).",
        subcommands = {CeremonyCommand.Split.class, CeremonyCommand.Run.class, CeremonyCommand.Verify.class})
final class CeremonyCommand {

    @Command(name = "split", mixinStandardHelpOptions = true,
            description = {"Generates a random quorum secret (a token PIN or a backup key-encryption key) and splits it"
                    + " into N share files, any M of which rebuild it. Prints the commitment a ceremony script names.",
                    "Hand each share file to its operator and delete it here."})
    static final class Split implements Callable<Integer> {

        @Option(names = "--threshold", required = true, paramLabel = "M", description = "Shares needed to rebuild the secret (at least 2).")
        int threshold;

        @Option(names = "--shares", required = true, paramLabel = "N", description = "Shares to create, one per operator.")
        int count;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory for share-1.txt .. share-N.txt (created; files must not exist).")
        Path out;

        @Option(names = "--write-pin-to", paramLabel = "FILE",
                description = "Also write the secret as a token PIN, once, to initialise the token with it"
                        + " (softhsm2-util --init-token --pin \"$(cat FILE)\" or the HSM's own tool); destroy the file afterwards.")
        Path pinFile;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            if (threshold < 2) {
                throw new CeremonyException("A quorum needs at least 2 operators, got --threshold " + threshold);
            }
            SecureRandom random = new SecureRandom();
            Files.createDirectories(out);
            PrintWriter print = spec.commandLine().getOut();
            try (QuorumSecret secret = QuorumSecret.generate(random)) {
                List<SecretShare> shares = secret.split(threshold, count, random);
                for (SecretShare share : shares) {
                    writePrivate(out.resolve("share-" + share.index() + ".txt"), share.format() + "\n");
                }
                if (pinFile != null) {
                    char[] pin = secret.pin();
                    try {
                        writePrivate(pinFile, new String(pin) + "\n");
                    } finally {
                        Arrays.fill(pin, '\0');
                    }
                }
                print.println("Wrote " + count + " shares to " + out + "; any " + threshold + " rebuild secret " + secret.commitment());
                print.println("In the ceremony script: pin-quorum " + threshold + " " + secret.commitment()
                        + "   (or kek-quorum, for a backup key-encryption key)");
            }
            print.flush();
            return 0;
        }

        private static void writePrivate(Path file, String content) throws IOException {
            FileAttribute<?>[] ownerOnly = file.toAbsolutePath().getFileSystem().supportedFileAttributeViews().contains("posix")
                    ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                    : new FileAttribute<?>[0];
            Files.write(Files.createFile(file, ownerOnly), content.getBytes(StandardCharsets.US_ASCII));
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = {"Runs a ceremony script. Refuses to start, before opening the HSM, unless the shares presented"
                    + " rebuild every quorum secret the script names; prints each step and appends it to a hash-chained"
                    + " transcript, signed at the end."})
    static final class Run implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "SCRIPT", description = "The ceremony script.")
        Path script;

        @Option(names = "--share", paramLabel = "FILE", description = "A share file presented by an operator; repeat per operator.")
        List<Path> shares = List.of();

        @Option(names = "--transcript", paramLabel = "FILE", description = "Where the transcript goes; must not exist (default: SCRIPT.transcript).")
        Path transcript;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Path output = transcript != null ? transcript : script.resolveSibling(script.getFileName() + ".transcript");
            new CeremonyRunner(Clock.systemUTC(), spec.commandLine().getOut()).run(script, shares, output);
            return 0;
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Checks a ceremony transcript: every entry's hash and link, and the final signature. Names the first bad entry.")
    static final class Verify implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "TRANSCRIPT")
        Path transcript;

        @Option(names = "--signer-certificate", paramLabel = "CERT",
                description = "Also require that the transcript was signed by the key in this certificate (DER), e.g. the CA certificate the ceremony made.")
        Path signerCertificate;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            TranscriptVerifier.Verified verified = TranscriptVerifier.verify(transcript);
            String signer = CeremonyRunner.sha256(verified.signer().getEncoded());
            if (signerCertificate != null) {
                SubjectPublicKeyInfo expected = new X509CertificateHolder(Files.readAllBytes(signerCertificate)).getSubjectPublicKeyInfo();
                if (!Arrays.equals(expected.getEncoded(), verified.signer().getEncoded())) {
                    throw new CeremonyException("The transcript is intact but was signed by key " + signer
                            + ", not by the key certified in " + signerCertificate);
                }
            }
            spec.commandLine().getOut().println("Transcript " + transcript + " is intact: " + verified.entries()
                    + " entries, signed by key SHA-256 " + signer);
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
