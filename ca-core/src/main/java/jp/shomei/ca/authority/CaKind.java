package jp.shomei.ca.authority;

/**
 * The two separate JPKI hierarchies. Each has its own self-signed CA, its own end-entity profile
 * and its own verifier class.
 */
public enum CaKind {
    /** 署名用電子証明書: signing certificates carrying the basic four information. */
    SIGNING("sign", "JPKI for digital signature", "公的個人認証サービス署名用"),
    /** 利用者証明用電子証明書: authentication certificates carrying no personal data. */
    AUTHENTICATION("auth", "JPKI for user authentication", "公的個人認証サービス利用者証明用");

    private final String pathName;
    private final String organizationalUnit;
    private final String japaneseOrganizationalUnit;

    CaKind(String pathName, String organizationalUnit, String japaneseOrganizationalUnit) {
        this.pathName = pathName;
        this.organizationalUnit = organizationalUnit;
        this.japaneseOrganizationalUnit = japaneseOrganizationalUnit;
    }

    /** The short name used in URLs, file names and the command line: "sign" or "auth". */
    public String pathName() {
        return pathName;
    }

    /** The OU that names the hierarchy in every JPKI DN of this kind. */
    public String organizationalUnit() {
        return organizationalUnit;
    }

    /** The Japanese OU used in the CA's subjectAltName directory name. */
    public String japaneseOrganizationalUnit() {
        return japaneseOrganizationalUnit;
    }

    public static CaKind fromPathName(String name) {
        for (CaKind kind : values()) {
            if (kind.pathName.equals(name)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown certificate authority '" + name + "' (expected 'sign' or 'auth')");
    }
}
