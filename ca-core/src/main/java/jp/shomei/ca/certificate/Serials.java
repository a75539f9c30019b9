package jp.shomei.ca.certificate;

import java.math.BigInteger;
import java.util.regex.Pattern;
import jp.shomei.ca.Problem;
import jp.shomei.ca.RefusedException;

/** The one text form of certificate serial numbers: lowercase hexadecimal, no leading zeros. */
public final class Serials {

    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{1,40}");

    private Serials() {
    }

    public static String toHex(BigInteger serial) {
        return serial.toString(16);
    }

    /** Parses a serial from an API path or argument, accepting either case and leading zeros. */
    public static BigInteger parseHex(String text) {
        if (text == null || !HEX.matcher(text).matches()) {
            throw new RefusedException(Problem.INVALID_FIELD,
                    "serial must be 1 to 40 hexadecimal digits, got '" + abbreviate(text) + "'");
        }
        return new BigInteger(text, 16);
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        return text.length() > 48 ? text.substring(0, 48) + "…" : text;
    }
}
