package jp.shomei.ca.resident;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The basic four information (基本4情報) of a resident: name, date of birth, sex and address. The
 * name is surname, an ideographic space (U+3000) and given name; the address starts with the
 * prefecture.
 */
public record BasicFour(FlaggedText name, LocalDate dateOfBirth, Sex sex, FlaggedText address) {

    public static final int MAX_NAME_LENGTH = 100;
    public static final int MAX_ADDRESS_LENGTH = 200;

    public BasicFour {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dateOfBirth, "dateOfBirth");
        Objects.requireNonNull(sex, "sex");
        Objects.requireNonNull(address, "address");
    }
}
