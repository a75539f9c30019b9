package jp.shomei.ca.certificate;

/** RFC 5280 §5.3.1 CRLReason values that Shomei uses, with their codes. */
public enum RevocationReason {
    UNSPECIFIED(0),
    KEY_COMPROMISE(1),
    AFFILIATION_CHANGED(3),
    SUPERSEDED(4),
    CESSATION_OF_OPERATION(5),
    CERTIFICATE_HOLD(6),
    PRIVILEGE_WITHDRAWN(9);

    private final int code;

    RevocationReason(int code) {
        this.code = code;
    }

    /** The CRLReason enumeration value written into CRLs and OCSP responses. */
    public int code() {
        return code;
    }

    /** The RFC 5280 name, for example "affiliationChanged". */
    public String rfcName() {
        String[] words = name().toLowerCase(java.util.Locale.ROOT).split("_");
        StringBuilder camel = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            camel.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        return camel.toString();
    }

    public static RevocationReason fromRfcName(String name) {
        for (RevocationReason reason : values()) {
            if (reason.rfcName().equals(name)) {
                return reason;
            }
        }
        throw new IllegalArgumentException("unknown revocation reason '" + name + "'");
    }
}
