package jp.shomei.ca.resident;

import java.util.Objects;

/**
 * A municipality by its six-digit local government code (全国地方公共団体コード, five digits and a
 * check digit), with the names used in certificates: romaji in subject L attributes and CRL
 * distribution points (for example "Tokyo-to", "Chiyoda-ku"), kanji for people.
 */
public record Municipality(String code, String prefectureKanji, String nameKanji,
                           String prefectureRomaji, String nameRomaji) {

    public Municipality {
        Objects.requireNonNull(prefectureKanji, "prefectureKanji");
        Objects.requireNonNull(nameKanji, "nameKanji");
        Objects.requireNonNull(prefectureRomaji, "prefectureRomaji");
        Objects.requireNonNull(nameRomaji, "nameRomaji");
        if (!isValidCode(code)) {
            throw new IllegalArgumentException("not a local government code with a valid check digit: " + code);
        }
    }

    /** Six digits whose last is the check digit over the first five (weights 6..2, modulus 11). */
    public static boolean isValidCode(String code) {
        if (code == null || !code.matches("[0-9]{6}")) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 5; i++) {
            sum += (code.charAt(i) - '0') * (6 - i);
        }
        int check = (11 - sum % 11) % 10;
        return code.charAt(5) - '0' == check;
    }
}
