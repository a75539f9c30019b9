package jp.shomei.app.ceremony;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.shomei.app.cli.ShomeiCommand;
import jp.shomei.keys.ceremony.SecretShare;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code shomei ceremony split | run | verify} as operators use them, on SoftHSM tokens made for
 * each test: a token PIN and a backup key-encryption key, each split 2 of 3, and three operators
 * each holding one share of both.
 */
class CeremonyCommandTest {

    private static final Pattern COMMITMENT = Pattern.compile("rebuild secret ([0-9a-f]{32})");

    @TempDir
    Path temp;

    private CeremonyRoom room;
    private String pin;
    private String pinCommitment;
    private String kekCommitment;
    private String token;

    @BeforeEach
    void splitSecretsAndInitialiseTheToken() throws IOException {
        room = new CeremonyRoom(temp);
        pinCommitment = split("pin-shares", "--write-pin-to", temp.resolve("pin.txt").toString());
        kekCommitment = split("kek-shares");
        pin = Files.readString(temp.resolve("pin.txt")).strip();
        Files.delete(temp.resolve("pin.txt"));
        token = room.newToken("ca", pin);
        for (int operator = 1; operator <= 3; operator++) {
            Files.writeString(operatorFile(operator), Files.readString(temp.resolve("pin-shares/share-" + operator + ".txt"))
                    + Files.readString(temp.resolve("kek-shares/share-" + operator + ".txt")));
        }
    }

    @Test
    void twoOfThreeOperatorsGenerateTheCaKeySelfSignItAndBackItUp() throws Exception {
        Path script = keyGenerationScript();

        CeremonyRoom.Outcome run = room.shomei("ceremony", "run", script.toString(),
                "--share", operatorFile(1).toString(), "--share", operatorFile(3).toString());

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output())
                .contains("quorum: token PIN rebuilt from shares [1, 3] of secret " + pinCommitment)
                .contains("step 1/4: generate CA key pair 'sign-ca-2026'")
                .contains("step 4/4: test-sign with 'sign-ca-2026'")
                .contains("Transcript " + script + ".transcript signed with 'sign-ca-2026'")
                .doesNotContain(pin);
        X509CertificateHolder certificate = new X509CertificateHolder(Files.readAllBytes(temp.resolve("sign-ca.der")));
        assertThat(certificate.getSubject().toString()).contains("OU=JPKI for digital signature");
        assertThat(certificate.isSignatureValid(new JcaContentVerifierProviderBuilder().build(certificate))).isTrue();
        assertThat(Files.readString(temp.resolve("sign-ca.backup"))).startsWith("shomei-key-backup-v1\nlabel sign-ca-2026\n");
        CeremonyRoom.Outcome verify = room.shomei("ceremony", "verify", script + ".transcript",
                "--signer-certificate", temp.resolve("sign-ca.der").toString());
        assertThat(verify.exitCode()).as(verify.output()).isZero();
        assertThat(verify.output()).contains("is intact: 13 entries");
    }

    /** pkcs11-tool's view; CeremonyTokenTest in hsm-config shows C_GetAttributeValue refusing the private exponent. */
    @Test
    void theCaPrivateKeyIsSensitiveOnTheToken() throws Exception {
        CeremonyRoom.Outcome run = room.shomei("ceremony", "run", keyGenerationScript().toString(),
                "--share", operatorFile(1).toString(), "--share", operatorFile(2).toString());
        assertThat(run.exitCode()).as(run.output()).isZero();

        String objects = objects(token);
        String privateKey = objects.substring(objects.indexOf("Private Key Object"));
        assertThat(privateKey).containsPattern("label:\\s+sign-ca-2026")
                .containsPattern("Access:\\s+sensitive, always sensitive, extractable, local");
    }

    /** The refusal comes before the HSM is opened: nothing on the token, no transcript, and a script naming a missing module fails the same way. */
    @Test
    void oneOperatorAloneIsRefusedBeforeTheHsmIsTouched() throws Exception {
        Path script = keyGenerationScript();

        CeremonyRoom.Outcome run = room.shomei("ceremony", "run", script.toString(), "--share", operatorFile(2).toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output()).contains("shomei: No quorum for the token PIN: 1 of the 2 shares needed were presented");
        assertThat(Files.exists(Path.of(script + ".transcript"))).isFalse();
        assertThat(objects(token)).doesNotContain("Object;");

        Path noModule = Files.writeString(temp.resolve("no-module.ceremony"),
                Files.readString(script).replace("module " + CeremonyRoom.MODULE, "module /nonexistent/libpkcs11.so"));
        CeremonyRoom.Outcome withoutModule = room.shomei("ceremony", "run", noModule.toString(),
                "--share", operatorFile(2).toString());
        assertThat(withoutModule.output()).contains("No quorum for the token PIN").doesNotContain("nonexistent");
    }

    @Test
    void aTamperedShareIsDetectedAndNothingIsDone() throws Exception {
        Path script = keyGenerationScript();
        // Operator 2's PIN share altered by someone who also recomputed its checksum.
        SecretShare genuine = SecretShare.parse(Files.readString(temp.resolve("pin-shares/share-2.txt")), "share-2");
        byte[] altered = genuine.value().clone();
        altered[0] ^= 0x40;
        Path forged = Files.writeString(temp.resolve("forged.txt"),
                new SecretShare(genuine.commitment(), 2, 2, altered).format() + "\n");

        CeremonyRoom.Outcome run = room.shomei("ceremony", "run", script.toString(),
                "--share", operatorFile(1).toString(), "--share", forged.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output()).contains("The shares presented for the token PIN (indexes [1, 2]) do not rebuild the"
                + " secret they commit to: at least one of them is wrong or was altered");
        assertThat(objects(token)).doesNotContain("Object;");

        String text = Files.readString(operatorFile(3));
        int at = text.indexOf(":2:3:") + 6;
        Files.writeString(operatorFile(3), text.substring(0, at) + (text.charAt(at) == 'a' ? 'b' : 'a') + text.substring(at + 1));
        CeremonyRoom.Outcome mistyped = room.shomei("ceremony", "run", script.toString(),
                "--share", operatorFile(1).toString(), "--share", operatorFile(3).toString());
        assertThat(mistyped.output()).contains("The share from operator-3.txt fails its checksum: it was mistyped or altered");
    }

    @Test
    void aOneByteEditToTheTranscriptFailsVerifyNamingTheEntry() throws Exception {
        Path script = keyGenerationScript();
        assertThat(room.shomei("ceremony", "run", script.toString(), "--share", operatorFile(2).toString(),
                "--share", operatorFile(3).toString()).exitCode()).isZero();
        Path transcript = Path.of(script + ".transcript");
        byte[] bytes = Files.readAllBytes(transcript);
        String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        int inEntry4 = text.indexOf("step 1/4") + 5;
        bytes[inEntry4] ^= 0x01;
        Files.write(transcript, bytes);

        CeremonyRoom.Outcome verify = room.shomei("ceremony", "verify", transcript.toString());

        assertThat(text.lines().toList().get(3)).startsWith("4\t").contains("step 1/4");
        assertThat(verify.exitCode()).isEqualTo(1);
        assertThat(verify.output()).contains("shomei: Transcript entry 4 has been altered: its hash does not match its content");
    }

    @Test
    void aBackupRestoredOntoAFreshTokenSignsVerifiablyAsTheOriginalCaKey() throws Exception {
        assertThat(room.shomei("ceremony", "run", keyGenerationScript().toString(), "--share", operatorFile(1).toString(),
                "--share", operatorFile(2).toString()).exitCode()).isZero();
        String fresh = room.newToken("fresh", pin);
        Path restore = Files.writeString(temp.resolve("restore.ceremony"), String.join("\n",
                "ceremony Restore the signature CA key onto a fresh token",
                "module " + CeremonyRoom.MODULE,
                "token " + fresh,
                "pin-quorum 2 " + pinCommitment,
                "kek-quorum 2 " + kekCommitment,
                "sign-transcript-with sign-ca-2026",
                "step restore-backup sign-ca.backup",
                "step test-signature sign-ca-2026 sign-ca.der",
                ""));

        CeremonyRoom.Outcome run = room.shomei("ceremony", "run", restore.toString(),
                "--share", operatorFile(3).toString(), "--share", operatorFile(2).toString());

        assertThat(run.exitCode()).as(run.output()).isZero();
        // Checked again here, independently of the runner: the message and signature it recorded verify with the original certificate.
        Matcher test = Pattern.compile("message ([0-9a-f]+) signature (\\S+)").matcher(run.output());
        assertThat(test.find()).as(run.output()).isTrue();
        PublicKey original = new JcaX509CertificateConverter().getCertificate(
                new X509CertificateHolder(Files.readAllBytes(temp.resolve("sign-ca.der")))).getPublicKey();
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(original);
        verifier.update(HexFormat.of().parseHex(test.group(1)));
        assertThat(verifier.verify(Base64.getDecoder().decode(test.group(2)))).isTrue();
        assertThat(room.shomei("ceremony", "verify", restore + ".transcript", "--signer-certificate",
                temp.resolve("sign-ca.der").toString()).exitCode()).isZero();
        assertThat(objects(fresh))
                .containsPattern("Access:\\s+sensitive, extractable");
    }

    private Path keyGenerationScript() throws IOException {
        return Files.writeString(temp.resolve("sign-ca.ceremony"), String.join("\n",
                "# Signature CA key generation: 2 of 3 operators",
                "ceremony Signature CA key generation 2026",
                "module " + CeremonyRoom.MODULE,
                "token " + token,
                "pin-quorum 2 " + pinCommitment,
                "kek-quorum 2 " + kekCommitment,
                "sign-transcript-with sign-ca-2026",
                "step generate-ca-key sign-ca-2026",
                "step self-sign sign-ca-2026 signing sign-ca.der",
                "step export-backup sign-ca-2026 sign-ca.backup",
                "step test-signature sign-ca-2026 sign-ca.der",
                ""));
    }

    /** pkcs11-tool's listing of the token, logged in: a failed login must not pass for an empty token. */
    private String objects(String tokenLabel) {
        CeremonyRoom.Outcome listing = room.pkcs11Tool(tokenLabel, pin, "--list-objects");
        assertThat(listing.exitCode()).as(listing.output()).isZero();
        return listing.output();
    }

    private Path operatorFile(int operator) {
        return temp.resolve("operator-" + operator + ".txt");
    }

    /** Runs {@code shomei ceremony split} in this JVM (it needs no HSM); returns the commitment it prints. */
    private String split(String directory, String... more) {
        StringWriter out = new StringWriter();
        CommandLine command = ShomeiCommand.commandLine().setOut(new PrintWriter(out));
        List<String> arguments = new java.util.ArrayList<>(List.of("ceremony", "split", "--threshold", "2", "--shares", "3",
                "--out", temp.resolve(directory).toString()));
        arguments.addAll(List.of(more));
        assertThat(command.execute(arguments.toArray(String[]::new))).as(out.toString()).isZero();
        Matcher commitment = COMMITMENT.matcher(out.toString());
        assertThat(commitment.find()).as(out.toString()).isTrue();
        return commitment.group(1);
    }
}
