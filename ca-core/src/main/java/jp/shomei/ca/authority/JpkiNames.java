package jp.shomei.ca.authority;

import org.bouncycastle.asn1.x500.X500Name;

/** The fixed directory names of the JPKI hierarchies, as they appear in the real 2023 CA certificates. */
public final class JpkiNames {

    private static final String OPERATOR = "Japan Agency for Local Authority Information Systems";
    private static final String SERVICE_JAPANESE = "公的個人認証サービス";
    private static final String OPERATOR_JAPANESE = "地方公共団体情報システム機構";

    private JpkiNames() {
    }

    /** The CA's subject and issuer: C=JP, O=JPKI, OU=&lt;kind&gt;, OU=Japan Agency for Local Authority Information Systems. */
    public static X500Name certificateAuthority(CaKind kind) {
        return jpki(kind).organizationalUnit(OPERATOR).build();
    }

    /** The CA's subjectAltName directory name, in Japanese: C=JP, O=公的個人認証サービス, OU=&lt;kind&gt;, OU=地方公共団体情報システム機構. */
    public static X500Name certificateAuthorityInJapanese(CaKind kind) {
        return JpkiNameBuilder.japan()
                .organization(SERVICE_JAPANESE)
                .organizationalUnit(kind.japaneseOrganizationalUnit())
                .organizationalUnit(OPERATOR_JAPANESE)
                .build();
    }

    /** The issuerAltName of every end-entity certificate: C=JP, O=公的個人認証サービス. */
    public static X500Name certificationService() {
        return JpkiNameBuilder.japan().organization(SERVICE_JAPANESE).build();
    }

    /** C=JP, O=JPKI, OU=&lt;kind&gt;: the start shared by the CA name and the kind's CRL distribution points. */
    public static JpkiNameBuilder jpki(CaKind kind) {
        return JpkiNameBuilder.japan().organization("JPKI").organizationalUnit(kind.organizationalUnit());
    }
}
