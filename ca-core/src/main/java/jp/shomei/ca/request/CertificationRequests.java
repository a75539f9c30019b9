package jp.shomei.ca.request;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import jp.shomei.ca.Problem;
import jp.shomei.ca.RefusedException;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTNamedCurves;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.DefaultAlgorithmNameFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * Reads the PKCS#10 certification requests (RFC 2986) that municipal systems send, and takes from them
 * only the public key. Everything else in the request, the subject DN and any requested extensions
 * included, is ignored: the certificate profile alone decides what a certificate says.
 *
 * <p>Accepted keys are RSA with a modulus of exactly 2048 bits (what the card and phone chips
 * generate) and an odd public exponent of at least 65537, since small exponents have a history of
 * padding attacks. The request's signature must verify, proving the requester holds the private key.
 */
public final class CertificationRequests {

    private static final int MODULUS_BITS = 2048;
    private static final BigInteger MIN_PUBLIC_EXPONENT = BigInteger.valueOf(65537);
    private static final String PEM_TYPE = "CERTIFICATE REQUEST";
    private static final String LEGACY_PEM_TYPE = "NEW CERTIFICATE REQUEST";

    private CertificationRequests() {
    }

    /** The verified public key of a request in PEM ("-----BEGIN CERTIFICATE REQUEST-----"). */
    public static SubjectPublicKeyInfo publicKeyFromPem(String pem) {
        PemObject object;
        try (PemReader reader = new PemReader(new StringReader(pem))) {
            object = reader.readPemObject();
        } catch (IOException | RuntimeException e) {
            throw new RefusedException(Problem.INVALID_CSR, "not valid PEM: " + e.getMessage());
        }
        if (object == null) {
            throw new RefusedException(Problem.INVALID_CSR, "no PEM block found; expected -----BEGIN " + PEM_TYPE + "-----");
        }
        if (!PEM_TYPE.equals(object.getType()) && !LEGACY_PEM_TYPE.equals(object.getType())) {
            throw new RefusedException(Problem.INVALID_CSR,
                    "PEM block is a " + object.getType() + ", expected a " + PEM_TYPE);
        }
        return publicKeyFromDer(object.getContent());
    }

    /** The verified public key of a DER-encoded request. */
    public static SubjectPublicKeyInfo publicKeyFromDer(byte[] der) {
        PKCS10CertificationRequest request = parse(der);
        SubjectPublicKeyInfo publicKey = request.getSubjectPublicKeyInfo();
        requireSupportedKey(publicKey);
        requireValidSignature(request, publicKey);
        return publicKey;
    }

    private static PKCS10CertificationRequest parse(byte[] der) {
        try {
            return new PKCS10CertificationRequest(der);
        } catch (IOException | RuntimeException e) {
            throw new RefusedException(Problem.INVALID_CSR, "not a DER-encoded PKCS#10 certification request: " + e.getMessage());
        }
    }

    /** Refuses any key but the RSA-2048 keys cards make, whichever protocol brought it. */
    public static void requireSupportedKey(SubjectPublicKeyInfo publicKey) {
        ASN1ObjectIdentifier algorithm = publicKey.getAlgorithm().getAlgorithm();
        if (!PKCSObjectIdentifiers.rsaEncryption.equals(algorithm)) {
            throw unsupported(describeNonRsa(publicKey));
        }
        RSAPublicKey rsa;
        try {
            rsa = RSAPublicKey.getInstance(publicKey.parsePublicKey());
        } catch (IOException | RuntimeException e) {
            throw new RefusedException(Problem.INVALID_CSR, "RSA public key cannot be decoded: " + e.getMessage());
        }
        int bits = rsa.getModulus().bitLength();
        if (bits != MODULUS_BITS) {
            throw unsupported("RSA " + bits + "-bit key");
        }
        BigInteger exponent = rsa.getPublicExponent();
        if (!exponent.testBit(0) || exponent.compareTo(MIN_PUBLIC_EXPONENT) < 0) {
            throw new RefusedException(Problem.UNSUPPORTED_KEY, "RSA " + bits + "-bit key with public exponent "
                    + exponent + "; the public exponent must be odd and at least " + MIN_PUBLIC_EXPONENT);
        }
    }

    private static RefusedException unsupported(String found) {
        return new RefusedException(Problem.UNSUPPORTED_KEY, found + "; only RSA " + MODULUS_BITS + "-bit keys are accepted");
    }

    /** "EC P-256 key", "Ed25519 key", or the algorithm's OID when it has no known name. */
    private static String describeNonRsa(SubjectPublicKeyInfo publicKey) {
        ASN1ObjectIdentifier algorithm = publicKey.getAlgorithm().getAlgorithm();
        if (X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm)) {
            return "EC " + curveName(publicKey) + " key";
        }
        return new DefaultAlgorithmNameFinder().getAlgorithmName(algorithm) + " key";
    }

    private static String curveName(SubjectPublicKeyInfo publicKey) {
        if (!(publicKey.getAlgorithm().getParameters() instanceof ASN1ObjectIdentifier curve)) {
            return "explicit-parameter";
        }
        String name = NISTNamedCurves.getName(curve);
        if (name == null) {
            name = ECNamedCurveTable.getName(curve);
        }
        return name == null ? curve.getId() : name;
    }

    private static void requireValidSignature(PKCS10CertificationRequest request, SubjectPublicKeyInfo publicKey) {
        boolean valid;
        try {
            ContentVerifierProvider verifier = new JcaContentVerifierProviderBuilder().build(publicKey);
            valid = request.isSignatureValid(verifier);
        } catch (OperatorCreationException | PKCSException e) {
            // The provider's message names internal classes; the algorithm is what the client can act on.
            throw new RefusedException(Problem.CSR_SIGNATURE_INVALID, "signature cannot be checked with algorithm "
                    + request.getSignatureAlgorithm().getAlgorithm().getId());
        }
        if (!valid) {
            throw new RefusedException(Problem.CSR_SIGNATURE_INVALID,
                    "signature does not verify with the request's own public key, so it does not prove possession of the private key");
        }
    }
}
