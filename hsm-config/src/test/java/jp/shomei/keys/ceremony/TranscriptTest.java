package jp.shomei.keys.ceremony;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import jp.shomei.keys.SigningKey;
import jp.shomei.keys.DigestSigningKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TranscriptTest {

    private static KeyPair auditKey;

    @TempDir
    Path temp;

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-22T01:00:00Z"), ZoneOffset.UTC);

    @BeforeAll
    static void generateKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        auditKey = generator.generateKeyPair();
    }

    @Test
    void aSignedTranscriptVerifiesAndNamesItsKey() {
        Path file = write();

        TranscriptVerifier.Verified verified = TranscriptVerifier.verify(file);

        assertThat(verified.entries()).isEqualTo(4);
        assertThat(verified.signer()).isEqualTo(auditKey.getPublic());
    }

    @Test
    void everyEntryCarriesTheHashOfTheOneBefore() throws Exception {
        String[] lines = Files.readString(write()).split("\n");

        assertThat(lines[0]).startsWith("1\t2026-11-22T01:00:00Z\t" + "0".repeat(64) + "\t");
        assertThat(lines[1].split("\t")[2]).isEqualTo(lines[0].split("\t")[3]);
        assertThat(lines[1]).endsWith("\tstep 1: generate\\tkey\\nwith a newline");
        assertThat(lines[4]).startsWith("signature\tSHA256withRSA\t");
    }

    /** Every single byte of the file matters: flipping any one of them fails verification. */
    @Test
    void aOneByteEditAnywhereFailsVerification() throws Exception {
        Path file = write();
        byte[] original = Files.readAllBytes(file);
        for (int i = 0; i < original.length; i++) {
            byte[] edited = original.clone();
            edited[i] ^= 0x01;
            Files.write(file, edited);
            final int at = i;
            assertThatThrownBy(() -> TranscriptVerifier.verify(file)).as("byte %d", at).isInstanceOf(CeremonyException.class);
        }
    }

    @Test
    void anEditedEntryIsNamed() throws Exception {
        Path file = write();
        String text = Files.readString(file);
        Files.writeString(file, text.replace("step 2: self-sign", "step 2: self-sigm"));

        assertThatThrownBy(() -> TranscriptVerifier.verify(file))
                .isInstanceOf(CeremonyException.class)
                .hasMessage("Transcript entry 3 has been altered: its hash does not match its content");
    }

    @Test
    void aRemovedEntryIsNamedAsTheFirstThatNoLongerFollows() throws Exception {
        Path file = write();
        String[] lines = Files.readString(file).split("\n");
        // Renumbering the later entries does not help: the hash chain is broken at entry 2.
        String removed = lines[0] + "\n" + lines[2].replaceFirst("^3", "2") + "\n" + lines[3] + "\n" + lines[4] + "\n";
        Files.writeString(file, removed);

        assertThatThrownBy(() -> TranscriptVerifier.verify(file))
                .isInstanceOf(CeremonyException.class)
                .hasMessage("Transcript entry 2 does not follow entry 1: its previous-entry hash does not match");
    }

    @Test
    void anUnsignedTranscriptDoesNotVerify() {
        Path file = temp.resolve("aborted.transcript");
        try (Transcript transcript = Transcript.create(file, clock)) {
            transcript.append("ceremony started");
            transcript.append("aborted: token not found");
        }

        assertThatThrownBy(() -> TranscriptVerifier.verify(file))
                .isInstanceOf(CeremonyException.class)
                .hasMessageStartingWith("The transcript's last line is not its signature");
    }

    @Test
    void anExistingTranscriptIsNeverOverwritten() {
        Path file = write();

        assertThatThrownBy(() -> Transcript.create(file, clock))
                .isInstanceOf(CeremonyException.class).hasMessageContaining("must not exist yet");
    }

    private Path write() {
        Path file = temp.resolve("ceremony-" + System.nanoTime() + ".transcript");
        try (Transcript transcript = Transcript.create(file, clock)) {
            transcript.append("ceremony test");
            transcript.append("step 1: generate\tkey\nwith a newline");
            transcript.append("step 2: self-sign");
            transcript.sign(softwareKey());
        }
        return file;
    }

    private static SigningKey softwareKey() {
        // Signs PKCS#1 v1.5 only, which is all a transcript uses.
        return new DigestSigningKey("audit", auditKey.getPublic(), (algorithm, digestInfo) -> {
            Signature signature = Signature.getInstance("NONEwithRSA");
            signature.initSign(auditKey.getPrivate());
            signature.update(digestInfo);
            return signature.sign();
        }, "audit test key");
    }
}
