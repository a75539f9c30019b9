package jp.shomei.keys;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;

/** RSA keys held in this JVM's memory, as signing keys that never hand out their private half. */
final class SoftwareSigningKey {

    private SoftwareSigningKey() {
    }

    static SigningKey of(String label, PublicKey publicKey, PrivateKey privateKey) {
        return new DigestSigningKey(label, publicKey, digestInfo -> signDigestInfo(privateKey, digestInfo),
                "software key '" + label + "'");
    }

    /** For a key read back from storage: PKCS#8 holds the private key only, CRT form has the modulus and exponent. */
    static SigningKey fromPrivateKey(String label, PrivateKey privateKey) {
        if (!(privateKey instanceof RSAPrivateCrtKey rsa)) {
            throw new KeySourceException("Key '" + label + "' is not an RSA private key in CRT form ("
                    + privateKey.getAlgorithm() + ")");
        }
        try {
            PublicKey publicKey = KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
            return of(label, publicKey, privateKey);
        } catch (GeneralSecurityException e) {
            throw new KeySourceException("Cannot derive the public key of key '" + label + "'", e);
        }
    }

    private static byte[] signDigestInfo(PrivateKey privateKey, byte[] digestInfo) throws GeneralSecurityException {
        // The JDK's own RSA (SunRsaSign) signs about a third faster than Bouncy Castle's here.
        Signature signature = Signature.getInstance("NONEwithRSA");
        signature.initSign(privateKey);
        signature.update(digestInfo);
        return signature.sign();
    }
}
