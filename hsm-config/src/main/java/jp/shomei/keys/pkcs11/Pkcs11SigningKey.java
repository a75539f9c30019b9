package jp.shomei.keys.pkcs11;

import java.security.PublicKey;
import jp.shomei.keys.SigningKey;
import jp.shomei.keys.VerifyingContentSigner;
import org.bouncycastle.operator.ContentSigner;

/**
 * A private key on a PKCS#11 token, named by its label. It holds no handle: handles belong to a
 * connection, and the source finds the key again after a reconnection.
 */
final class Pkcs11SigningKey implements SigningKey {

    private final String label;
    private final PublicKey publicKey;
    private final Pkcs11KeySource source;

    Pkcs11SigningKey(String label, PublicKey publicKey, Pkcs11KeySource source) {
        this.label = label;
        this.publicKey = publicKey;
        this.source = source;
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
        return new VerifyingContentSigner(label, publicKey, digestInfo -> source.sign(label, publicKey, digestInfo));
    }

    @Override
    public String toString() {
        return "key '" + label + "' on " + source.describe();
    }
}
