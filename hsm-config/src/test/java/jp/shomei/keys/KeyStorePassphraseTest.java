package jp.shomei.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyStorePassphraseTest {

    @TempDir
    Path temp;

    @Test
    void theEnvironmentVariableWinsAndNoFileIsWritten() throws Exception {
        String secret = new String(TestSecrets.randomPassphrase());
        Files.createDirectories(secrets());
        Files.writeString(secrets().resolve("keystore-passphrase"), "from-file");

        char[] passphrase = KeyStorePassphrase.loadOrCreate(secrets(),
                Map.of("SHOMEI_KEYSTORE_PASSPHRASE", secret));

        assertThat(passphrase).containsExactly(secret.toCharArray());
        assertThat(secrets().resolve("keystore-passphrase")).hasContent("from-file");
    }

    @Test
    void withoutTheVariableTheFileIsReadWithoutItsTrailingNewline() throws Exception {
        String secret = new String(TestSecrets.randomPassphrase());
        Files.createDirectories(secrets());
        Files.writeString(secrets().resolve("keystore-passphrase"), secret + "\n");

        assertThat(KeyStorePassphrase.loadOrCreate(secrets(), Map.of())).containsExactly(secret.toCharArray());
    }

    @Test
    void onFirstStartARandomPassphraseIsWrittenOwnerOnlyAndUsedFromThenOn() throws Exception {
        char[] first = KeyStorePassphrase.loadOrCreate(secrets(), Map.of());
        char[] second = KeyStorePassphrase.loadOrCreate(secrets(), Map.of());

        assertThat(new String(first)).matches("[A-Za-z0-9_-]{43}"); // 32 random bytes, base64url
        assertThat(second).containsExactly(first);
        assertThat(KeyStorePassphrase.loadOrCreate(temp.resolve("elsewhere"), Map.of())).isNotEqualTo(first);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets()))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets().resolve("keystore-passphrase"))))
                .isEqualTo("rw-------");
    }

    @Test
    void anEmptyVariableIsRefusedRatherThanFallingBackToTheFile() {
        assertThatThrownBy(() -> KeyStorePassphrase.loadOrCreate(secrets(), Map.of("SHOMEI_KEYSTORE_PASSPHRASE", "")))
                .isInstanceOf(KeySourceException.class)
                .hasMessage("The environment variable SHOMEI_KEYSTORE_PASSPHRASE is empty;"
                        + " it must hold the key store passphrase");
    }

    @Test
    void anEmptyFileIsRefused() throws Exception {
        Files.createDirectories(secrets());
        Path file = secrets().resolve("keystore-passphrase");
        Files.writeString(file, "\n");

        assertThatThrownBy(() -> KeyStorePassphrase.loadOrCreate(secrets(), Map.of()))
                .isInstanceOf(KeySourceException.class)
                .hasMessage("The passphrase file " + file + " is empty; it must hold the key store passphrase");
    }

    private Path secrets() {
        return temp.resolve("data/secrets");
    }
}
