package jp.shomei.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import jp.shomei.app.config.ShomeiConfig.CaKeyOnToken;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.keys.KeyLabel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** keys.pkcs11.sign.* and keys.pkcs11.auth.*: where each CA's key lives on PKCS#11, read from shomei.properties. */
class CaKeyPlacementConfigTest {

    private static final String ON_PKCS11 = "keys.source=pkcs11\nkeys.pkcs11.module=/usr/lib/softhsm/libsofthsm2.so\n"
            + "keys.pkcs11.token=shomei\n";

    @TempDir
    Path data;

    @Test
    void byDefaultBothCaKeysAreOnTheConfiguredTokenUnderTheirUsualLabels() throws IOException {
        ShomeiConfig config = load(ON_PKCS11);

        assertThat(config.pkcs11CaKeys()).isEqualTo(Map.of(
                CaKind.SIGNING, new CaKeyOnToken("shomei", new KeyLabel("ca-sign-1")),
                CaKind.AUTHENTICATION, new CaKeyOnToken("shomei", new KeyLabel("ca-auth-1"))));
    }

    @Test
    void withSoftwareKeysNoCaKeyIsPlacedOnAToken() throws IOException {
        assertThat(load("").pkcs11CaKeys()).isEmpty();
    }

    @Test
    void eachCaKeyCanHaveATokenAndALabelOfItsOwn() throws IOException {
        ShomeiConfig config = load(ON_PKCS11 + "keys.pkcs11.sign.token=sign-partition\nkeys.pkcs11.sign.label=jpki-sign-2026\n"
                + "keys.pkcs11.auth.label=jpki-auth-2026\n");

        assertThat(config.pkcs11CaKeys()).isEqualTo(Map.of(
                CaKind.SIGNING, new CaKeyOnToken("sign-partition", new KeyLabel("jpki-sign-2026")),
                CaKind.AUTHENTICATION, new CaKeyOnToken("shomei", new KeyLabel("jpki-auth-2026"))));
    }

    @Test
    void aPlacementWithoutPkcs11IsRefused() throws IOException {
        assertThatThrownBy(() -> load("keys.pkcs11.auth.label=jpki-auth\n")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("keys.pkcs11.auth.label places a CA key on a PKCS#11 token, which needs keys.source=pkcs11");
    }

    @Test
    void aTokenLabelLongerThanPkcs11AllowsIsRefusedByName() throws IOException {
        assertThatThrownBy(() -> load(ON_PKCS11 + "keys.pkcs11.sign.token=" + "t".repeat(33) + "\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("keys.pkcs11.sign.token: A PKCS#11 token label must be 1 to 32 characters");
    }

    @Test
    void aKeyLabelThatIsNotAllowedIsRefusedByName() throws IOException {
        assertThatThrownBy(() -> load(ON_PKCS11 + "keys.pkcs11.auth.label=../ca\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("keys.pkcs11.auth.label: Key label \"../ca\" is not allowed");
    }

    @Test
    void twoCasOnOneKeyAreRefused() throws IOException {
        assertThatThrownBy(() -> load(ON_PKCS11 + "keys.pkcs11.sign.label=jpki\nkeys.pkcs11.auth.label=jpki\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("keys.pkcs11.sign and keys.pkcs11.auth both name key 'jpki' on token 'shomei';"
                        + " each CA needs a key of its own");
    }

    private ShomeiConfig load(String properties) throws IOException {
        Files.writeString(data.resolve(ShomeiConfig.PROPERTIES_FILE), properties);
        return ShomeiConfig.load(data, Map.of());
    }
}
