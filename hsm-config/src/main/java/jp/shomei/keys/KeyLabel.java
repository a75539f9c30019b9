package jp.shomei.keys;

import java.util.regex.Pattern;

/**
 * The name of a key inside a key source. The software store uses it as a file name, so it is kept
 * to characters that can never form a path, whatever the caller passes in.
 */
public record KeyLabel(String value) {

    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final int SHOWN_PREFIX = 80;

    public KeyLabel {
        if (value == null || !ALLOWED.matcher(value).matches()) {
            throw new KeySourceException("Key label " + printable(value) + " is not allowed: use 1 to 64"
                    + " characters from A-Z a-z 0-9 . _ -, starting with a letter or digit");
        }
    }

    @Override
    public String toString() {
        return value;
    }

    // The rejected label goes into an error message that ends up in logs: keep it on one line and short.
    private static String printable(String label) {
        if (label == null) {
            return "null";
        }
        StringBuilder shown = new StringBuilder("\"");
        label.codePoints().limit(SHOWN_PREFIX).forEach(c -> {
            if (c >= 0x20 && c < 0x7f) {
                shown.appendCodePoint(c);
            } else {
                shown.append(String.format("\\u%04x", c));
            }
        });
        shown.append(label.codePointCount(0, label.length()) > SHOWN_PREFIX ? "...\"" : "\"");
        return shown.toString();
    }
}
