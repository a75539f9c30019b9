package jp.shomei.keys;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.engines.RSABlindedEngine;
import org.bouncycastle.crypto.signers.PSSSigner;
import org.bouncycastle.crypto.util.PrivateKeyFactory;

/** RSA keys held in this JVM's memory, as signing keys that never hand out their private half. */
final class SoftwareSigningKey {

    private SoftwareSigningKey() {
    }

    static SigningKey of(String label, PublicKey publicKey, PrivateKey privateKey) {
        return new DigestSigningKey(label, publicKey, (algorithm, toSign) -> sign(privateKey, algorithm, toSign),
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

    /** Software keys are RSA only: there is no ECDSA here, and DigestSigningKey refuses it for an RSA key before this is reached. */
    private static byte[] sign(PrivateKey privateKey, SignatureAlgorithm algorithm, byte[] toSign)
            throws GeneralSecurityException {
        return algorithm == SignatureAlgorithm.SHA256_WITH_RSA_PSS ? signPss(privateKey, toSign) : signDigestInfo(privateKey, toSign);
    }

    // The JCA's RSASSA-PSS hashes the content itself; Bouncy Castle's raw PSS signer takes the digest.
    private static byte[] signPss(PrivateKey privateKey, byte[] sha256) throws GeneralSecurityException {
        PSSSigner signer = PSSSigner.createRawSigner(new RSABlindedEngine(), new SHA256Digest(), new SHA256Digest(),
                SignatureAlgorithm.PSS_SALT_BYTES, PSSSigner.TRAILER_IMPLICIT);
        try {
            signer.init(true, PrivateKeyFactory.createKey(privateKey.getEncoded()));
            signer.update(sha256, 0, sha256.length);
            return signer.generateSignature();
        } catch (IOException | CryptoException e) {
            throw new GeneralSecurityException("Cannot make an RSASSA-PSS signature", e);
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
