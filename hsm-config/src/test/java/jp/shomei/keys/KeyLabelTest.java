package jp.shomei.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class KeyLabelTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "jpki-sign-ca-2026", "ocsp_signer.1", "A1", "0123456789012345678901234567890123456789012345678901234567890123"})
    void lettersDigitsDotsUnderscoresAndHyphensUpTo64AreLabels(String label) {
        assertThat(new KeyLabel(label).value()).isEqualTo(label);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"../ca", "keys/ca", "..", ".hidden", "-rf", "ca key", "ca\\key", "署名CA",
        "01234567890123456789012345678901234567890123456789012345678901234"})
    void anythingElseIsRefusedWithTheRule(String label) {
        assertThatThrownBy(() -> new KeyLabel(label))
                .isInstanceOf(KeySourceException.class)
                .hasMessageContaining("is not allowed")
                .hasMessageContaining("1 to 64 characters from A-Z a-z 0-9 . _ -, starting with a letter or digit");
    }

    @Test
    void theRefusedLabelIsQuotedOnOneLineAndShortened() {
        assertThatThrownBy(() -> new KeyLabel("ca\nkey"))
                .hasMessageStartingWith("Key label \"ca\\u000akey\" is not allowed");
        assertThatThrownBy(() -> new KeyLabel("x".repeat(10_000)))
                .hasMessageStartingWith("Key label \"" + "x".repeat(80) + "...\" is not allowed");
    }
}
