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

    /**
     * A signer producing RSASSA-PSS signatures (SHA-256, MGF1-SHA-256, 32 bytes of salt), each
     * verified before it is returned, as for {@link #sha256WithRsa()}.
     *
     * @throws WrongKeyTypeException if this is not an RSA key
     */
    ContentSigner sha256WithRsaPss();

    /**
     * A signer producing ecdsa-with-SHA256 signatures (DER), each verified before it is returned.
     *
     * @throws WrongKeyTypeException if this is not an EC key; {@link #sha256WithRsa()} and
     *     {@link #sha256WithRsaPss()} likewise refuse EC keys
     */
    ContentSigner sha256WithEcdsa();
}
