package jp.shomei.ca.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JapaneseEraTest {

    @ParameterizedTest(name = "born {0} -> {1} {2}")
    @CsvSource({
        "1900-01-01, MEIJI,  119000101",
        "1912-07-29, MEIJI,  119120729",
        "1912-07-30, TAISHO, 219120730",
        "1926-12-24, TAISHO, 219261224",
        "1926-12-25, SHOWA,  319261225",
        "1985-04-02, SHOWA,  319850402",
        "1989-01-07, SHOWA,  319890107",
        "1989-01-08, HEISEI, 419890108",
        "2019-04-30, HEISEI, 420190430",
        "2019-05-01, REIWA,  520190501",
        "2024-02-29, REIWA,  520240229",
    })
    void theDateOfBirthIsTheEraDigitFollowedByTheGregorianDate(LocalDate born, JapaneseEra era, String code) {
        assertThat(JapaneseEra.of(born)).isEqualTo(era);
        assertThat(JapaneseEra.dateOfBirthCode(born)).isEqualTo(code);
    }
}
