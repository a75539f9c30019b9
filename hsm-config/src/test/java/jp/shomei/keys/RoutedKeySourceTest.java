package jp.shomei.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoutedKeySourceTest {

    @TempDir
    Path temp;

    private final char[] passphrase = TestSecrets.randomPassphrase();

    @Test
    void aRoutedKeyIsMadeAndFoundUnderItsOwnLabelInItsOwnSourceAndTheRestInTheDefault() {
        SoftwareKeySource shared = new SoftwareKeySource(temp.resolve("shared"), passphrase);
        SoftwareKeySource signingPartition = new SoftwareKeySource(temp.resolve("sign"), passphrase);
        try (var keys = new RoutedKeySource(shared,
                Map.of("ca-sign-1", new RoutedKeySource.Route(signingPartition, new KeyLabel("jpki-sign-2026"))))) {
            SigningKey signing = keys.generateRsa2048("ca-sign-1");
            SigningKey authentication = keys.generateRsa2048("ca-auth-1");

            assertThat(signingPartition.find("jpki-sign-2026")).get().extracting(SigningKey::publicKey)
                    .isEqualTo(signing.publicKey());
            assertThat(shared.find("ca-sign-1")).isEmpty();
            assertThat(shared.find("ca-auth-1")).get().extracting(SigningKey::publicKey)
                    .isEqualTo(authentication.publicKey());
            assertThat(signingPartition.find("ca-auth-1")).isEmpty();
            assertThat(keys.find("ca-sign-1")).get().extracting(SigningKey::publicKey).isEqualTo(signing.publicKey());
            assertThat(keys.describe()).contains("'ca-sign-1' as 'jpki-sign-2026' in software key store in "
                    + temp.resolve("sign"));
        }
    }
}
