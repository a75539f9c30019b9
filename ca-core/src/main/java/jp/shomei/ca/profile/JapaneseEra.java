package jp.shomei.ca.profile;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * The Japanese eras a living resident can be born in, with the digit JPKI writes before the Gregorian
 * date of birth. Each era starts on the day after its predecessor's last day.
 */
public enum JapaneseEra {
    /** Everyone born before Taisho; Meiji ran until 1912-07-29. */
    MEIJI(1, LocalDate.MIN),
    TAISHO(2, LocalDate.of(1912, 7, 30)),
    SHOWA(3, LocalDate.of(1926, 12, 25)),
    HEISEI(4, LocalDate.of(1989, 1, 8)),
    REIWA(5, LocalDate.of(2019, 5, 1));

    private final int digit;
    private final LocalDate firstDay;

    JapaneseEra(int digit, LocalDate firstDay) {
        this.digit = digit;
        this.firstDay = firstDay;
    }

    public int digit() {
        return digit;
    }

    public static JapaneseEra of(LocalDate date) {
        JapaneseEra era = MEIJI;
        for (JapaneseEra candidate : values()) {
            if (!date.isBefore(candidate.firstDay)) {
                era = candidate;
            }
        }
        return era;
    }

    /** The date of birth as a signing certificate carries it: era digit, then YYYYMMDD (1985-04-02 is "319850402"). */
    public static String dateOfBirthCode(LocalDate dateOfBirth) {
        return of(dateOfBirth).digit + dateOfBirth.format(DateTimeFormatter.BASIC_ISO_DATE);
    }
}
