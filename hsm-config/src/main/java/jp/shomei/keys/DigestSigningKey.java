package jp.shomei.keys;

import java.security.PublicKey;
import java.util.Objects;
import org.bouncycastle.operator.ContentSigner;

/**
 * A signing key defined by what signs a DigestInfo for it: a private key in memory, a PKCS#11 key
 * handle, a key being restored in a ceremony. Every signature is verified before it is released.
 * Not a record, so that no accessor hands out the signing function.
 */
public final class DigestSigningKey implements SigningKey {

    private final String label;
    private final PublicKey publicKey;
    private final VerifyingContentSigner.DigestInfoSigner signer;
    private final String description;

    /** @param description what {@link #toString()} says, for logs: never a secret */
    public DigestSigningKey(String label, PublicKey publicKey, VerifyingContentSigner.DigestInfoSigner signer,
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
        return new VerifyingContentSigner(label, publicKey, signer);
    }

    @Override
    public String toString() {
        return description;
    }
}
