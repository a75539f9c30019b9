package jp.shomei.ca.profile;

import jp.shomei.ca.Problem;
import jp.shomei.ca.RefusedException;
import jp.shomei.ca.resident.BasicFour;
import jp.shomei.ca.resident.FlaggedText;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.OtherName;

/**
 * The signing certificate's subjectAltName: the basic four information as six otherName entries
 * (type-id under {@link JpkiOids#BASIC_FOUR}, value [0] EXPLICIT UTF8String), in JPKI's order.
 */
final class BasicFourAltName {

    private BasicFourAltName() {
    }

    /**
     * @throws RefusedException {@link Problem#INVALID_FIELD} if the name or address is empty or longer
     *     than JPKI allows (counted in characters, i.e. code points)
     */
    static GeneralNames of(BasicFour resident) {
        requireLength("name", resident.name(), BasicFour.MAX_NAME_LENGTH);
        requireLength("address", resident.address(), BasicFour.MAX_ADDRESS_LENGTH);
        return new GeneralNames(new GeneralName[] {
            entry(JpkiOids.NAME, resident.name().text()),
            entry(JpkiOids.NAME_SUBSTITUTION_FLAGS, resident.name().substitutionFlags()),
            entry(JpkiOids.SEX, Integer.toString(resident.sex().jpkiCode())),
            entry(JpkiOids.DATE_OF_BIRTH, JapaneseEra.dateOfBirthCode(resident.dateOfBirth())),
            entry(JpkiOids.ADDRESS, resident.address().text()),
            entry(JpkiOids.ADDRESS_SUBSTITUTION_FLAGS, resident.address().substitutionFlags()),
        });
    }

    private static void requireLength(String field, FlaggedText text, int maximum) {
        if (text.length() == 0) {
            throw new RefusedException(Problem.INVALID_FIELD, field + " is empty");
        }
        if (text.length() > maximum) {
            throw new RefusedException(Problem.INVALID_FIELD, field + " has " + text.length()
                    + " characters; a signing certificate holds at most " + maximum);
        }
    }

    private static GeneralName entry(ASN1ObjectIdentifier type, String value) {
        return new GeneralName(GeneralName.otherName, new OtherName(type, new DERUTF8String(value)));
    }
}
