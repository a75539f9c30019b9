package jp.shomei.ca.cmp;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.cmp.InfoTypeAndValue;
import org.bouncycastle.asn1.cmp.PKIHeader;

/**
 * The card's expiry date, which bounds the certificate's validity, carried in a private generalInfo
 * item of the request header: {@code 1.3.6.1.4.1.99999.6.1} (placeholder arc, to be replaced with
 * the registered Private Enterprise Number) whose value is the date as an INTEGER yyyymmdd, the
 * form {@code openssl cmp -geninfo 1.3.6.1.4.1.99999.6.1:int:20361122} sends, or as an ISO date
 * string (UTF8String "2036-11-22").
 */
final class CardExpiry {

    static final ASN1ObjectIdentifier OID = new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.6.1");

    private CardExpiry() {
    }

    static Optional<LocalDate> in(PKIHeader header) {
        InfoTypeAndValue[] items = header.getGeneralInfo();
        if (items == null) {
            return Optional.empty();
        }
        for (InfoTypeAndValue item : items) {
            if (OID.equals(item.getInfoType())) {
                return Optional.of(parse(item.getInfoValue()));
            }
        }
        return Optional.empty();
    }

    /** The refusal of a request that needs the card's expiry date and does not carry it. */
    static CmpFailure missing() {
        return CmpFailure.badRequest("the card's expiry date is required: "
                + "generalInfo " + OID + " as INTEGER yyyymmdd, e.g. -geninfo " + OID + ":int:20361122");
    }

    private static LocalDate parse(ASN1Encodable value) {
        try {
            if (value instanceof ASN1Integer number) {
                int date = number.intValueExact();
                return LocalDate.of(date / 10000, date / 100 % 100, date % 100);
            }
            if (value instanceof ASN1String text) {
                return LocalDate.parse(text.getString());
            }
        } catch (DateTimeException | ArithmeticException e) {
            throw CmpFailure.badRequest("generalInfo " + OID + " is not a date: " + value);
        }
        throw CmpFailure.badRequest("generalInfo " + OID + " must be an INTEGER yyyymmdd or an ISO date string");
    }
}
