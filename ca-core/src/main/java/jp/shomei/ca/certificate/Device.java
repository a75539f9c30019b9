package jp.shomei.ca.certificate;

import java.util.Locale;

/** Where a certificate's private key lives: the resident's card, or a phone's secure element. */
public enum Device {
    CARD,
    /** 移動端末設備用電子証明書: a smartphone certificate, linked to the card certificate of its kind. */
    PHONE;

    /** The name used in the API: "card" or "phone". */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
