package jp.shomei.app.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import jp.shomei.ca.authority.CaCertificateFactory;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.keys.KeySourceException;
import jp.shomei.keys.SigningKey;
import jp.shomei.keys.ceremony.CeremonyException;
import jp.shomei.keys.ceremony.CeremonyScript;
import jp.shomei.keys.ceremony.KeyBackup;
import jp.shomei.keys.ceremony.QuorumSecret;
import jp.shomei.keys.ceremony.SecretShare;
import jp.shomei.keys.ceremony.Transcript;
import jp.shomei.keys.pkcs11.CeremonyToken;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;

/**
 * Runs a ceremony script (docs/ceremonies.md). Everything that can be checked without the HSM is
 * checked first: the script, every share's checksum, and that each quorum secret is rebuilt from
 * enough shares and matches its commitment. Only then is the token opened. Each step is shown to
 * the witnesses and appended to the transcript as it happens; the transcript is signed with the
 * script's transcript key once every step has succeeded, and left unsigned, with the reason, if one fails.
 */
final class CeremonyRunner {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;
    private final PrintWriter witnesses;

    CeremonyRunner(Clock clock, PrintWriter witnesses) {
        this.clock = clock;
        this.witnesses = witnesses;
    }

    /**
     * @param shareFiles one file per operator present, each holding that operator's share(s), one a line
     * @throws CeremonyException if the ceremony cannot start (nothing was done to the HSM) or a step failed
     */
    void run(Path scriptFile, List<Path> shareFiles, Path transcriptFile) {
        CeremonyScript script = CeremonyScript.read(scriptFile);
        List<SecretShare> shares = readShares(shareFiles);
        try (QuorumSecret pin = QuorumSecret.rebuild("token PIN", script.pinQuorum().commitment(),
                script.pinQuorum().threshold(), shares);
             Kek kek = new Kek(script.kekQuorum().map(quorum ->
                     QuorumSecret.rebuild("backup key-encryption key", quorum.commitment(), quorum.threshold(), shares)));
             Transcript transcript = Transcript.create(transcriptFile, clock)) {
            record(transcript, "ceremony '" + script.name() + "' started; script " + scriptFile.getFileName()
                    + " SHA-256 " + sha256(read(scriptFile)));
            record(transcript, "quorum: token PIN rebuilt from shares " + indexes(shares, pin.commitment())
                    + " of secret " + pin.commitment() + kek.secret.map(k -> "; backup KEK rebuilt from shares "
                    + indexes(shares, k.commitment()) + " of secret " + k.commitment()).orElse(""));
            int done = 0;
            try (CeremonyToken token = openToken(script, pin)) {
                record(transcript, "logged in to token '" + script.tokenLabel() + "' in " + script.module());
                for (CeremonyScript.Step step : script.steps()) {
                    record(transcript, "step " + (done + 1) + "/" + script.steps().size() + ": " + step.describe());
                    record(transcript, "  " + execute(step, token, kek));
                    done++;
                }
                SigningKey signer = token.key(script.transcriptKey()).orElseThrow(() -> new CeremonyException(
                        "The transcript key '" + script.transcriptKey() + "' is not on the token"));
                record(transcript, "ceremony '" + script.name() + "' completed: " + done + " steps");
                transcript.sign(signer);
                witnesses.println("Transcript " + transcriptFile + " signed with '" + signer.label() + "' (key SHA-256 "
                        + sha256(signer.publicKey().getEncoded()) + ")");
                witnesses.flush();
            } catch (RuntimeException e) {
                record(transcript, "ceremony ABORTED after " + done + " completed steps: " + e.getMessage());
                throw e instanceof CeremonyException ceremony ? ceremony
                        : new CeremonyException("Ceremony aborted after " + done + " completed steps: " + e.getMessage(), e);
            }
        }
    }

    /** The KEK, when the script declares one; closes (wipes) it with the PIN. */
    private record Kek(Optional<QuorumSecret> secret) implements AutoCloseable {
        QuorumSecret required() {
            return secret.orElseThrow();
        }

        @Override
        public void close() {
            secret.ifPresent(QuorumSecret::close);
        }
    }

    private static CeremonyToken openToken(CeremonyScript script, QuorumSecret pin) {
        char[] characters = pin.pin();
        try {
            return CeremonyToken.open(script.module(), script.tokenLabel(), characters);
        } finally {
            Arrays.fill(characters, '\0');
        }
    }

    // Java 17: no pattern matching for switch yet, so the sealed steps are told apart with instanceof.
    private String execute(CeremonyScript.Step step, CeremonyToken token, Kek kek) {
        if (step instanceof CeremonyScript.GenerateCaKey generate) {
            SigningKey key = token.generateCaKey(generate.key());
            return "generated '" + key.label() + "'; public key SHA-256 " + sha256(key.publicKey().getEncoded());
        }
        if (step instanceof CeremonyScript.SelfSign selfSign) {
            SigningKey key = existing(token, selfSign.key());
            CaKind kind = selfSign.profile().equals("signing") ? CaKind.SIGNING : CaKind.AUTHENTICATION;
            X509CertificateHolder certificate = new CaCertificateFactory(clock)
                    .selfSign(kind, key, new BigInteger(1, randomBytes(16))).certificate();
            byte[] der = encoded(certificate);
            writeNew(selfSign.certificate(), der);
            return "certificate " + certificate.getSubject() + " serial " + certificate.getSerialNumber().toString(16)
                    + " valid to " + certificate.getNotAfter().toInstant() + "; SHA-256 " + sha256(der);
        }
        if (step instanceof CeremonyScript.ExportBackup export) {
            KeyBackup backup = token.exportBackup(export.key(), kek.required());
            backup.write(export.backup());
            return "wrapped '" + export.key() + "' under KEK " + backup.kekCommitment() + " into " + export.backup()
                    + "; file SHA-256 " + sha256(read(export.backup()));
        }
        if (step instanceof CeremonyScript.RestoreBackup restore) {
            SigningKey key = token.restore(KeyBackup.read(restore.backup()), kek.required());
            return "restored '" + key.label() + "' and proved it with a test signature; public key SHA-256 "
                    + sha256(key.publicKey().getEncoded());
        }
        CeremonyScript.TestSignature test = (CeremonyScript.TestSignature) step;
        return testSignature(existing(token, test.key()), test.certificate());
    }

    /** Signs a fresh message and verifies it with the certified key; records both so anyone can check again. */
    private static String testSignature(SigningKey key, Path certificateFile) {
        PublicKey certified;
        X509CertificateHolder certificate;
        try {
            certificate = new X509CertificateHolder(read(certificateFile));
            certified = new JcaX509CertificateConverter().getCertificate(certificate).getPublicKey();
        } catch (IOException | GeneralSecurityException e) {
            throw new CeremonyException("Cannot read the certificate " + certificateFile + ": " + e.getMessage(), e);
        }
        byte[] message = randomBytes(32);
        ContentSigner signer = key.sha256WithRsa();
        try (OutputStream out = signer.getOutputStream()) {
            out.write(message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] signature = signer.getSignature();
        try {
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(certified);
            verifier.update(message);
            if (!verifier.verify(signature)) {
                throw new CeremonyException("The test signature of '" + key.label() + "' does not verify with the key"
                        + " certified in " + certificateFile + ": it is not the same key");
            }
        } catch (GeneralSecurityException e) {
            throw new CeremonyException("Cannot verify the test signature: " + e.getMessage(), e);
        }
        return "test signature verified with the key of " + certificate.getSubject() + "; message "
                + HexFormat.of().formatHex(message) + " signature " + Base64.getEncoder().encodeToString(signature);
    }

    private static SigningKey existing(CeremonyToken token, String label) {
        return token.key(label).orElseThrow(() -> new KeySourceException("No key '" + label + "' on the token"));
    }

    private void record(Transcript transcript, String text) {
        transcript.append(text);
        witnesses.println(text);
        witnesses.flush();
    }

    private static List<SecretShare> readShares(List<Path> files) {
        List<SecretShare> shares = new ArrayList<>();
        for (Path file : files) {
            List<String> lines;
            try {
                lines = Files.readAllLines(file);
            } catch (IOException e) {
                throw new CeremonyException("Cannot read the share file " + file + ": " + e.getMessage(), e);
            }
            for (String line : lines) {
                if (!line.isBlank()) {
                    shares.add(SecretShare.parse(line, file.getFileName().toString()));
                }
            }
        }
        return shares;
    }

    private static List<Integer> indexes(List<SecretShare> shares, String commitment) {
        return shares.stream().filter(share -> share.commitment().equals(commitment)).map(SecretShare::index).toList();
    }

    private static byte[] encoded(X509CertificateHolder certificate) {
        try {
            return certificate.getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeNew(Path file, byte[] content) {
        try {
            Files.write(file, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new CeremonyException("Cannot write " + file + " (it must not exist yet): " + e, e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CeremonyException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JVM has no SHA-256", e);
        }
    }
}
