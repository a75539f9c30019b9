package jp.shomei.keys;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.Objects;
import org.bouncycastle.operator.ContentSigner;

/**
 * A signing key defined by what signs a digest for it (see {@link SignatureAlgorithm} for what each algorithm hands over): a private key in memory, a PKCS#11 key
 * handle, a key being restored in a ceremony. Every signature is verified before it is released.
 * Not a record, so that no accessor hands out the signing function.
 */
public final class DigestSigningKey implements SigningKey {

    private final String label;
    private final PublicKey publicKey;
    private final AlgorithmSigner signer;
    private final String description;

    /** Signs, with the private key, what the algorithm hands over. */
    @FunctionalInterface
    public interface AlgorithmSigner {
        byte[] sign(SignatureAlgorithm algorithm, byte[] toSign) throws GeneralSecurityException;
    }

    /** @param description what {@link #toString()} says, for logs: never a secret */
    public DigestSigningKey(String label, PublicKey publicKey, AlgorithmSigner signer,
                            String description) {
        this.label = Objects.requireNonNull(label, "label");
        this.publicKey = Objects.requireNonNull(publicKey, "publicKey");
        this.signer = Objects.requireNonNull(signer, "signer");
        this.description = Objects.requireNonNull(description, "description");
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public PublicKey publicKey() {
        return publicKey;
    }

    @Override
    public ContentSigner sha256WithRsa() {
        return signer(SignatureAlgorithm.SHA256_WITH_RSA);
    }

    @Override
    public ContentSigner sha256WithRsaPss() {
        return signer(SignatureAlgorithm.SHA256_WITH_RSA_PSS);
    }

    @Override
    public ContentSigner sha256WithEcdsa() {
        return signer(SignatureAlgorithm.SHA256_WITH_ECDSA);
    }

    private ContentSigner signer(SignatureAlgorithm algorithm) {
        return new VerifyingContentSigner(label, publicKey, algorithm, toSign -> signer.sign(algorithm, toSign));
    }

    @Override
    public String toString() {
        return description;
    }
}
