package jp.shomei.ca.certificate;

import java.util.Locale;

/**
 * How a card's authentication certificate may be used. A face-authentication card (顔認証マイナンバーカード)
 * has no PIN: its authentication certificate may only be used after a face check, and verifiers must
 * be able to tell. Signing certificates are always {@link #PIN}.
 */
public enum AuthenticationMode {
    PIN,
    FACE;

    /** The name used in the API: "pin" or "face". */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AuthenticationMode fromLabel(String label) {
        for (AuthenticationMode mode : values()) {
            if (mode.label().equals(label)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("not an authentication mode: " + label);
    }
}
