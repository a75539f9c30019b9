package jp.shomei.keys;

import java.io.IOException;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.DigestInfo;
import org.bouncycastle.operator.ContentSigner;

/**
 * A sha256WithRSAEncryption {@link ContentSigner} that checks every signature against the public
 * key before handing it out, so a faulty key store or HSM can never release a bad certificate,
 * CRL or OCSP response.
 *
 * <p>The content is hashed here as it streams through, so even a CRL of millions of entries is
 * signed in constant memory; the key holder only ever sees the 51-byte DigestInfo. That is what
 * PKCS#11's CKM_RSA_PKCS and the JCA's NONEwithRSA sign, so software and HSM keys plug in alike.
 *
 * <p>Not thread-safe, like every ContentSigner: take one per signature or per thread.
 */
public final class VerifyingContentSigner implements ContentSigner {

    /** Makes a PKCS#1 v1.5 signature over a DER-encoded DigestInfo with the private key. */
    @FunctionalInterface
    public interface DigestInfoSigner {
        byte[] sign(byte[] digestInfo) throws GeneralSecurityException;
    }

    // RFC 4055 section 5: the parameters of sha256WithRSAEncryption and of SHA-256 are NULL.
    private static final AlgorithmIdentifier SHA256_WITH_RSA =
            new AlgorithmIdentifier(PKCSObjectIdentifiers.sha256WithRSAEncryption, DERNull.INSTANCE);
    private static final AlgorithmIdentifier SHA256 =
            new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256, DERNull.INSTANCE);

    private final String keyLabel;
    private final PublicKey publicKey;
    private final DigestInfoSigner signer;
    private final MessageDigest digest;
    private final OutputStream content;

    /** @param keyLabel names the key in error messages */
    public VerifyingContentSigner(String keyLabel, PublicKey publicKey, DigestInfoSigner signer) {
        this.keyLabel = keyLabel;
        this.publicKey = publicKey;
        this.signer = signer;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new KeySourceException("This JVM has no SHA-256", e);
        }
        this.content = new DigestOutputStream(OutputStream.nullOutputStream(), digest);
    }

    @Override
    public AlgorithmIdentifier getAlgorithmIdentifier() {
        return SHA256_WITH_RSA;
    }

    @Override
    public OutputStream getOutputStream() {
        return content;
    }

    /**
     * Signs everything written since the last signature and starts afresh.
     *
     * @throws KeySourceException if signing fails or the signature does not verify
     */
    @Override
    public byte[] getSignature() {
        byte[] digestInfo = digestInfo(digest.digest());
        byte[] signature;
        try {
            signature = signer.sign(digestInfo);
        } catch (GeneralSecurityException e) {
            throw new KeySourceException("Signing with key '" + keyLabel + "' failed", e);
        }
        if (!verifies(digestInfo, signature)) {
            throw new KeySourceException("Key '" + keyLabel + "' produced a signature that does not"
                    + " verify with its public key; the signature was withheld");
        }
        return signature;
    }

    private boolean verifies(byte[] digestInfo, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance("NONEwithRSA");
            verifier.initVerify(publicKey);
            verifier.update(digestInfo);
            return verifier.verify(signature);
        } catch (SignatureException e) {
            // A signature of the wrong length or form is as bad as one that does not match.
            return false;
        } catch (GeneralSecurityException e) {
            throw new KeySourceException("Cannot verify signatures of key '" + keyLabel + "'", e);
        }
    }

    private static byte[] digestInfo(byte[] sha256) {
        try {
            return new DigestInfo(SHA256, sha256).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new KeySourceException("Cannot encode a DigestInfo", e);
        }
    }
}
