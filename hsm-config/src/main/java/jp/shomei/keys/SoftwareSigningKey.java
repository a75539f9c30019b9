package jp.shomei.keys;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import org.bouncycastle.operator.ContentSigner;

/**
 * An RSA key held in this JVM's memory. Not a record: a record's accessor and toString would hand
 * out the private key, and the JDK's RSA key prints its private exponent.
 */
final class SoftwareSigningKey implements SigningKey {

    private final String label;
    private final PublicKey publicKey;
    private final PrivateKey privateKey;

    SoftwareSigningKey(String label, PublicKey publicKey, PrivateKey privateKey) {
        this.label = label;
        this.publicKey = publicKey;
        this.privateKey = privateKey;
    }

    /** For a key read back from storage: PKCS#8 holds the private key only, CRT form has the modulus and exponent. */
    static SoftwareSigningKey fromPrivateKey(String label, PrivateKey privateKey) {
        if (!(privateKey instanceof RSAPrivateCrtKey rsa)) {
            throw new KeySourceException("Key '" + label + "' is not an RSA private key in CRT form ("
                    + privateKey.getAlgorithm() + ")");
        }
        try {
            PublicKey publicKey = KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
            return new SoftwareSigningKey(label, publicKey, privateKey);
        } catch (GeneralSecurityException e) {
            throw new KeySourceException("Cannot derive the public key of key '" + label + "'", e);
        }
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
        return new VerifyingContentSigner(label, publicKey, this::signDigestInfo);
    }

    private byte[] signDigestInfo(byte[] digestInfo) throws GeneralSecurityException {
        // The JDK's own RSA (SunRsaSign) signs about a third faster than Bouncy Castle's here.
        Signature signature = Signature.getInstance("NONEwithRSA");
        signature.initSign(privateKey);
        signature.update(digestInfo);
        return signature.sign();
    }

    @Override
    public String toString() {
        return "software key '" + label + "'";
    }
}
