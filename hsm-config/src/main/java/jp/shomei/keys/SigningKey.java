package jp.shomei.keys;

import java.security.PublicKey;
import org.bouncycastle.operator.ContentSigner;

/** A private key held by a {@link KeySource}, usable only to sign. */
public interface SigningKey {

    String label();

    PublicKey publicKey();

    /**
     * A Bouncy Castle signer producing sha256WithRSAEncryption (PKCS#1 v1.5) signatures. Every
     * signature is verified against {@link #publicKey()} before it is returned, so a faulty key
     * store can never release a bad certificate or CRL.
     */
    ContentSigner sha256WithRsa();
}
