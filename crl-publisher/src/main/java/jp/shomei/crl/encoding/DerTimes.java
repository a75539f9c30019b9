package jp.shomei.crl.encoding;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1UTCTime;
import org.bouncycastle.asn1.x509.Time;

/**
 * Times in the forms RFC 5280 prescribes: whole seconds in UTC, UTCTime up to 2049 and
 * GeneralizedTime from 2050 (section 5.1.2.4).
 *
 * <p>A CRL may hold millions of dates, and Bouncy Castle's constructors from text or Date check the
 * text with a new SimpleDateFormat each time, which made them most of the cost of an entry. So the
 * DER octets are written here and read back with Bouncy Castle's getInstance, which checks the form
 * without a date parser.
 */
final class DerTimes {

    private static final int FIRST_GENERALIZED_YEAR = 2050;
    private static final int UTC_TIME = 0x17;
    private static final int GENERALIZED_TIME = 0x18;

    private DerTimes() {
    }

    static Time time(Instant instant) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
        if (t.getYear() >= FIRST_GENERALIZED_YEAR || t.getYear() < 1950) {
            return new Time(generalizedTime(instant));
        }
        StringBuilder text = new StringBuilder(13);
        twoDigits(text, t.getYear() % 100);
        monthToSecond(text, t);
        return new Time(ASN1UTCTime.getInstance(der(UTC_TIME, text.append('Z'))));
    }

    static ASN1GeneralizedTime generalizedTime(Instant instant) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
        StringBuilder text = new StringBuilder(15);
        twoDigits(text, t.getYear() / 100);
        twoDigits(text, t.getYear() % 100);
        monthToSecond(text, t);
        return ASN1GeneralizedTime.getInstance(der(GENERALIZED_TIME, text.append('Z')));
    }

    /** A primitive, short-form DER value of ASCII text: tag, length, the characters. */
    private static byte[] der(int tag, CharSequence text) {
        byte[] der = new byte[text.length() + 2];
        der[0] = (byte) tag;
        der[1] = (byte) text.length();
        for (int i = 0; i < text.length(); i++) {
            der[i + 2] = (byte) text.charAt(i);
        }
        return der;
    }

    private static void monthToSecond(StringBuilder text, LocalDateTime t) {
        twoDigits(text, t.getMonthValue());
        twoDigits(text, t.getDayOfMonth());
        twoDigits(text, t.getHour());
        twoDigits(text, t.getMinute());
        twoDigits(text, t.getSecond());
    }

    private static void twoDigits(StringBuilder text, int value) {
        text.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }
}
