package jp.shomei.keys;

/**
 * The signature algorithms a {@link SigningKey} signs with, each over SHA-256, and what its key
 * holder is handed to sign: the key holder never sees the content, only a digest.
 */
public enum SignatureAlgorithm {

    /** sha256WithRSAEncryption (PKCS#1 v1.5): the holder signs a DER DigestInfo (CKM_RSA_PKCS, NONEwithRSA). */
    SHA256_WITH_RSA("RSA"),
    /**
     * RSASSA-PSS with SHA-256, MGF1 with SHA-256, 32 bytes of salt and trailer field 1 (RFC 4055):
     * the holder signs the bare SHA-256 digest (CKM_RSA_PKCS_PSS).
     */
    SHA256_WITH_RSA_PSS("RSA"),
    /**
     * ecdsa-with-SHA256 on P-256: the holder signs the bare SHA-256 digest (CKM_ECDSA) and returns
     * r||s, 32 bytes each, as PKCS#11 does; the signer turns that into the DER X.509 and CMS carry.
     */
    SHA256_WITH_ECDSA("EC");

    /** The salt length of {@link #SHA256_WITH_RSA_PSS}: the digest length, as RFC 4055 recommends. */
    public static final int PSS_SALT_BYTES = 32;

    private final String keyAlgorithm;

    SignatureAlgorithm(String keyAlgorithm) {
        this.keyAlgorithm = keyAlgorithm;
    }

    /** The JCA algorithm name of the public keys this algorithm signs for: "RSA" or "EC". */
    public String keyAlgorithm() {
        return keyAlgorithm;
    }
}
