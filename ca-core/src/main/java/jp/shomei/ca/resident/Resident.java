package jp.shomei.ca.resident;

import java.util.Objects;
import java.util.Optional;
import java.time.LocalDate;

/**
 * A resident as registered by their municipality. The resident code is the eleven-digit resident
 * register code (住民票コード); a resident belongs to exactly one municipality at a time.
 */
public record Resident(String residentCode, String municipalityCode, BasicFour basicFour, boolean adultWard,
                       Optional<LocalDate> deceasedOn) {

    public Resident {
        Objects.requireNonNull(basicFour, "basicFour");
        Objects.requireNonNull(deceasedOn, "deceasedOn");
        if (!isValidCode(residentCode)) {
            throw new IllegalArgumentException("resident code must be 11 digits");
        }
        if (!Municipality.isValidCode(municipalityCode)) {
            throw new IllegalArgumentException("not a local government code with a valid check digit: " + municipalityCode);
        }
    }

    /** Whether the text has the shape of a resident code: eleven digits. */
    public static boolean isValidCode(String residentCode) {
        return residentCode != null && residentCode.matches("[0-9]{11}");
    }

    public boolean isDeceased() {
        return deceasedOn.isPresent();
    }

    public Resident withBasicFour(BasicFour changed) {
        return new Resident(residentCode, municipalityCode, changed, adultWard, deceasedOn);
    }
}
