package jp.shomei.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenPinTest {

    @TempDir
    Path temp;

    private final String pin = new String(TestSecrets.randomPassphrase());

    @Test
    void theEnvironmentVariableWinsOverThePinFile() throws Exception {
        Path file = Files.writeString(temp.resolve("pin"), "from-file");

        char[] loaded = TokenPin.load(Optional.of(file), Map.of(TokenPin.ENVIRONMENT_VARIABLE, pin));

        assertThat(new String(loaded)).isEqualTo(pin);
    }

    @Test
    void thePinFileIsReadWithoutItsTrailingNewline() throws Exception {
        Path file = Files.writeString(temp.resolve("pin"), pin + "\n");

        assertThat(new String(TokenPin.load(Optional.of(file), Map.of()))).isEqualTo(pin);
    }

    @Test
    void withoutEitherSourceTheErrorNamesBoth() {
        assertThatThrownBy(() -> TokenPin.load(Optional.empty(), Map.of()))
                .isInstanceOf(KeySourceException.class)
                .hasMessageContaining("SHOMEI_PKCS11_PIN")
                .hasMessageContaining("keys.pkcs11.pin-file");
    }

    @Test
    void anEmptyPinFileIsRefusedByName() throws Exception {
        Path file = Files.writeString(temp.resolve("pin"), "\n");

        assertThatThrownBy(() -> TokenPin.load(Optional.of(file), Map.of()))
                .isInstanceOf(KeySourceException.class)
                .hasMessageContaining("The PIN file " + file + " is empty");
    }
}
