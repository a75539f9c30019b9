package jp.shomei.ca.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Instant;
import jp.shomei.ca.resident.Municipality;
import org.junit.jupiter.api.Test;

class CommonNamesTest {

    private static final Municipality CHIYODA = new Municipality("131016", "東京都", "千代田区", "Tokyo-to", "Chiyoda-ku");

    private final CommonNames commonNames = new CommonNames(new SecureRandom());

    @Test
    void aSigningNameIsTheJstIssueTimeAnEightDigitSequenceAndTheCounterCode() {
        Instant issued = Instant.parse("2024-04-02T01:15:30Z");

        assertThat(commonNames.forSigning(issued, 42, CHIYODA)).isEqualTo("20240402101530" + "00000042" + "131016");
    }

    @Test
    void theSigningSequenceMustFitEightDigits() {
        Instant issued = Instant.parse("2024-04-02T01:15:30Z");

        assertThat(commonNames.forSigning(issued, 99_999_999, CHIYODA)).contains("99999999");
        assertThatThrownBy(() -> commonNames.forSigning(issued, 100_000_000, CHIYODA))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sequence must be 0..99999999: 100000000");
    }

    @Test
    void anAuthenticationNameIsThirtyTwoRandomUppercaseHexDigits() {
        String first = commonNames.forAuthentication();
        String second = commonNames.forAuthentication();

        assertThat(first).matches("[0-9A-F]{32}");
        assertThat(second).matches("[0-9A-F]{32}").isNotEqualTo(first);
    }
}
