package jp.shomei.ocsp.presigned;

import java.math.BigInteger;
import java.util.List;
import jp.shomei.ocsp.issuer.ServedIssuer;
import jp.shomei.ocsp.issuer.ServedIssuers;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/** CertIDs as the responder makes them itself, to pre-sign before anyone asks. */
final class CertificateIds {

    /**
     * Every way a client may write the CertID hash algorithm: with NULL parameters (OpenSSL, the JDK)
     * or with none (allowed by RFC 5754). A response must echo the client's form, so each is cached apart.
     */
    static final List<AlgorithmIdentifier> HASH_ALGORITHM_FORMS = ServedIssuers.HASH_ALGORITHMS.stream()
            .flatMap(oid -> java.util.stream.Stream.of(new AlgorithmIdentifier(oid, DERNull.INSTANCE),
                    new AlgorithmIdentifier(oid)))
            .toList();

    private CertificateIds() {
    }

    /** The SHA-1 CertID (NULL parameters) that RFC 5019 clients send. */
    static CertificateID sha1(ServedIssuer issuer, BigInteger serial) {
        try {
            return new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                    issuer.authority().certificate(), serial);
        } catch (OperatorCreationException | OCSPException e) {
            throw new IllegalStateException("cannot make a SHA-1 CertID: " + e.getMessage(), e);
        }
    }
}
