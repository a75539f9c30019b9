package jp.shomei.ca.resident;

import java.util.Objects;

/**
 * A name or address as the resident register holds it, with one flag per character: '1' where the
 * register's character could not be represented and a substitute was written, '0' otherwise.
 * Both are written into the signing certificate (DESIGN.md §3).
 */
public record FlaggedText(String text, String substitutionFlags) {

    public FlaggedText {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(substitutionFlags, "substitutionFlags");
        int characters = text.codePointCount(0, text.length());
        if (substitutionFlags.length() != characters) {
            throw new IllegalArgumentException("substitution flags must have one '0' or '1' per character: "
                    + characters + " characters, " + substitutionFlags.length() + " flags");
        }
        if (!substitutionFlags.chars().allMatch(c -> c == '0' || c == '1')) {
            throw new IllegalArgumentException("substitution flags may contain only '0' and '1'");
        }
    }

    /** Text in which no character was substituted. */
    public static FlaggedText unsubstituted(String text) {
        return new FlaggedText(text, "0".repeat(text.codePointCount(0, text.length())));
    }

    public int length() {
        return substitutionFlags.length();
    }
}
