package jp.shomei.keys;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.security.DigestOutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSASSAPSSparams;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.DigestInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.DataLengthException;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.engines.RSAEngine;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.signers.PSSSigner;
import org.bouncycastle.operator.ContentSigner;

/**
 * A {@link ContentSigner} for one {@link SignatureAlgorithm} that checks every signature against the public
 * key before handing it out, so a faulty key store or HSM can never release a bad certificate,
 * CRL or OCSP response.
 *
 * <p>The content is hashed here as it streams through, so even a CRL of millions of entries is
 * signed in constant memory; the key holder only ever sees the 51-byte DigestInfo (PKCS#1 v1.5)
 * or the 32-byte digest (PSS, ECDSA). That is what PKCS#11's CKM_RSA_PKCS, CKM_RSA_PKCS_PSS and
 * CKM_ECDSA sign, so software and HSM keys plug in alike.
 *
 * <p>Not thread-safe, like every ContentSigner: take one per signature or per thread.
 */
public final class VerifyingContentSigner implements ContentSigner {

    /**
     * Signs what the algorithm hands the key holder (see {@link SignatureAlgorithm}) with the private
     * key: a DER DigestInfo for PKCS#1 v1.5, the bare digest for PSS and ECDSA.
     */
    @FunctionalInterface
    public interface DigestInfoSigner {
        byte[] sign(byte[] digestInfo) throws GeneralSecurityException;
    }

    // RFC 4055 section 5: the parameters of sha256WithRSAEncryption and of SHA-256 are NULL.
    private static final AlgorithmIdentifier SHA256_WITH_RSA =
            new AlgorithmIdentifier(PKCSObjectIdentifiers.sha256WithRSAEncryption, DERNull.INSTANCE);
    private static final AlgorithmIdentifier SHA256 =
            new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256, DERNull.INSTANCE);
    private static final AlgorithmIdentifier SHA256_WITH_RSA_PSS = new AlgorithmIdentifier(
            PKCSObjectIdentifiers.id_RSASSA_PSS,
            new RSASSAPSSparams(SHA256, new AlgorithmIdentifier(PKCSObjectIdentifiers.id_mgf1, SHA256),
                    new ASN1Integer(SignatureAlgorithm.PSS_SALT_BYTES), RSASSAPSSparams.DEFAULT_TRAILER_FIELD));
    // RFC 5758 section 3.2: the parameters of ecdsa-with-SHA256 are absent.
    private static final AlgorithmIdentifier SHA256_WITH_ECDSA =
            new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);
    private static final int P256_FIELD_BYTES = 32;

    private final String keyLabel;
    private final PublicKey publicKey;
    private final SignatureAlgorithm algorithm;
    private final DigestInfoSigner signer;
    private final MessageDigest digest;
    private final OutputStream content;

    /** A sha256WithRSAEncryption signer; {@code keyLabel} names the key in error messages. */
    public VerifyingContentSigner(String keyLabel, PublicKey publicKey, DigestInfoSigner signer) {
        this(keyLabel, publicKey, SignatureAlgorithm.SHA256_WITH_RSA, signer);
    }

    /**
     * @param keyLabel names the key in error messages
     * @throws WrongKeyTypeException if the public key is not of the type the algorithm signs with
     */
    public VerifyingContentSigner(String keyLabel, PublicKey publicKey, SignatureAlgorithm algorithm,
                                  DigestInfoSigner signer) {
        if (!algorithm.keyAlgorithm().equals(publicKey.getAlgorithm())) {
            throw new WrongKeyTypeException(keyLabel, publicKey.getAlgorithm(), algorithm);
        }
        this.keyLabel = keyLabel;
        this.publicKey = publicKey;
        this.algorithm = algorithm;
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
        return switch (algorithm) {
            case SHA256_WITH_RSA -> SHA256_WITH_RSA;
            case SHA256_WITH_RSA_PSS -> SHA256_WITH_RSA_PSS;
            case SHA256_WITH_ECDSA -> SHA256_WITH_ECDSA;
        };
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
        byte[] sha256 = digest.digest();
        byte[] toSign = algorithm == SignatureAlgorithm.SHA256_WITH_RSA ? digestInfo(sha256) : sha256;
        byte[] signature;
        try {
            signature = signer.sign(toSign);
            if (algorithm == SignatureAlgorithm.SHA256_WITH_ECDSA) {
                signature = derEcdsaSignature(signature);
            }
        } catch (GeneralSecurityException e) {
            throw new KeySourceException("Signing with key '" + keyLabel + "' failed", e);
        }
        if (!verifies(toSign, signature)) {
            throw new KeySourceException("Key '" + keyLabel + "' produced a signature that does not"
                    + " verify with its public key; the signature was withheld");
        }
        return signature;
    }

    /** @param signed what the key holder signed: the DigestInfo or the digest */
    private boolean verifies(byte[] signed, byte[] signature) {
        if (algorithm == SignatureAlgorithm.SHA256_WITH_RSA_PSS) {
            return pssVerifies(signed, signature);
        }
        try {
            Signature verifier = Signature.getInstance(
                    algorithm == SignatureAlgorithm.SHA256_WITH_ECDSA ? "NONEwithECDSA" : "NONEwithRSA");
            verifier.initVerify(publicKey);
            verifier.update(signed);
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

    // The JCA's RSASSA-PSS hashes the content itself; Bouncy Castle's raw PSS signer takes the digest we hold.
    private boolean pssVerifies(byte[] sha256, byte[] signature) {
        RSAPublicKey rsa = (RSAPublicKey) publicKey;
        PSSSigner verifier = PSSSigner.createRawSigner(new RSAEngine(), new SHA256Digest(), new SHA256Digest(),
                SignatureAlgorithm.PSS_SALT_BYTES, PSSSigner.TRAILER_IMPLICIT);
        verifier.init(false, new RSAKeyParameters(false, rsa.getModulus(), rsa.getPublicExponent()));
        verifier.update(sha256, 0, sha256.length);
        try {
            return verifier.verifySignature(signature);
        } catch (DataLengthException e) {
            // A signature longer than the modulus is as bad as one that does not match.
            return false;
        }
    }

    /** PKCS#11 returns ECDSA signatures as r||s; X.509 and CMS carry SEQUENCE { r INTEGER, s INTEGER }. */
    private byte[] derEcdsaSignature(byte[] rAndS) throws SignatureException {
        if (rAndS.length != 2 * P256_FIELD_BYTES) {
            throw new SignatureException("Key '" + keyLabel + "' returned an ECDSA signature of " + rAndS.length
                    + " bytes, where P-256 gives " + 2 * P256_FIELD_BYTES);
        }
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(rAndS, 0, P256_FIELD_BYTES));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(rAndS, P256_FIELD_BYTES, rAndS.length));
        try {
            return new DERSequence(new ASN1Integer[] {new ASN1Integer(r), new ASN1Integer(s)}).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new KeySourceException("Cannot encode an ECDSA signature", e);
        }
    }
}
