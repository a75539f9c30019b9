package jp.shomei.keys.ceremony;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CeremonyScriptTest {

    private static final String PIN = "0123456789abcdef0123456789abcdef";
    private static final String KEK = "fedcba9876543210fedcba9876543210";

    @TempDir
    Path temp;

    @Test
    void aScriptReadsAsItsStepsInOrderWithPathsBesideIt() throws Exception {
        Path script = Files.writeString(temp.resolve("sign-ca.ceremony"), String.join("\n",
                "# Signature CA, generation 2026",
                "ceremony Signature CA key generation 2026",
                "module /usr/lib/softhsm/libsofthsm2.so",
                "token ca-hsm",
                "pin-quorum 2 " + PIN,
                "kek-quorum 2 " + KEK,
                "sign-transcript-with sign-ca-2026",
                "",
                "step generate-ca-key sign-ca-2026",
                "step self-sign sign-ca-2026 signing sign-ca.der",
                "step export-backup sign-ca-2026 backup/sign-ca.backup",
                ""));

        CeremonyScript read = CeremonyScript.read(script);

        assertThat(read.name()).isEqualTo("Signature CA key generation 2026");
        assertThat(read.pinQuorum()).isEqualTo(new CeremonyScript.Quorum(2, PIN));
        assertThat(read.kekQuorum()).contains(new CeremonyScript.Quorum(2, KEK));
        assertThat(read.steps()).containsExactly(
                new CeremonyScript.GenerateCaKey("sign-ca-2026"),
                new CeremonyScript.SelfSign("sign-ca-2026", "signing", temp.resolve("sign-ca.der")),
                new CeremonyScript.ExportBackup("sign-ca-2026", temp.resolve("backup/sign-ca.backup")));
    }

    @Test
    void anUnknownStepIsNamedWithItsLine() throws Exception {
        Path script = Files.writeString(temp.resolve("bad.ceremony"), "ceremony x\nstep erase-everything now\n");

        assertThatThrownBy(() -> CeremonyScript.read(script))
                .isInstanceOf(CeremonyException.class).hasMessage("bad.ceremony line 2: unknown step 'erase-everything'");
    }

    @Test
    void aQuorumOfOneIsRefused() throws Exception {
        Path script = Files.writeString(temp.resolve("solo.ceremony"), "pin-quorum 1 " + PIN + "\n");

        assertThatThrownBy(() -> CeremonyScript.read(script))
                .isInstanceOf(CeremonyException.class)
                .hasMessage("solo.ceremony line 1: a quorum needs at least 2 operators, got 1");
    }

    @Test
    void aBackupWithoutAKekQuorumIsRefused() throws Exception {
        Path script = Files.writeString(temp.resolve("nokek.ceremony"), String.join("\n", "ceremony x", "module m",
                "token t", "pin-quorum 2 " + PIN, "sign-transcript-with k", "step export-backup k k.backup", ""));

        assertThatThrownBy(() -> CeremonyScript.read(script))
                .isInstanceOf(CeremonyException.class)
                .hasMessage("nokek.ceremony exports or restores a backup but declares no kek-quorum");
    }
}
