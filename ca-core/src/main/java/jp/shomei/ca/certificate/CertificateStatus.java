package jp.shomei.ca.certificate;

/**
 * The recorded status of an end-entity certificate. Expiry is not recorded: a certificate past its
 * notAfter is expired whatever its recorded status (see {@link CertificateRecord#isExpiredAt}).
 */
public enum CertificateStatus {
    GOOD,
    /** Temporarily suspended (一時停止), revoked with reason certificateHold until resumed. */
    ON_HOLD,
    REVOKED;

    /** The name used in the API and in messages: "good", "on-hold", "revoked". */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
