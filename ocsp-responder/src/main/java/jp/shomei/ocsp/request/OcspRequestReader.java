package jp.shomei.ocsp.request;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import jp.shomei.ocsp.issuer.ServedIssuers;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.OCSPRequest;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.Req;

/**
 * Turns the bytes of an OCSP request into an {@link OcspQuestion}, refusing with malformedRequest
 * anything that is not exactly one DER OCSPRequest within the limits. A signature on the request is
 * neither required nor checked: the answers are public.
 */
public final class OcspRequestReader {

    /** RFC 8954 §2.1: a nonce is 1 to 32 octets. */
    static final int MAX_NONCE_OCTETS = 32;

    private final int maxCertificates;

    public OcspRequestReader(int maxCertificates) {
        this.maxCertificates = maxCertificates;
    }

    public OcspQuestion read(byte[] der) {
        OCSPReq request = parse(der);
        Req[] singles = decoded(request::getRequestList, "the request list");
        if (singles.length == 0) {
            throw malformed("the request names no certificate");
        }
        if (singles.length > maxCertificates) {
            throw malformed("the request names " + singles.length + " certificates; at most " + maxCertificates
                    + " are answered in one request");
        }
        List<CertificateID> ids = new ArrayList<>(singles.length);
        for (Req single : singles) {
            CertificateID id = decoded(single::getCertID, "a CertID");
            if (!ServedIssuers.isSupportedHash(id.getHashAlgOID())) {
                throw malformed("CertID hash algorithm " + id.getHashAlgOID() + " is not SHA-1 or SHA-256");
            }
            ids.add(id);
        }
        return new OcspQuestion(ids, nonceOf(request));
    }

    private static OCSPReq parse(byte[] der) {
        try {
            // fromByteArray refuses trailing bytes after the request, which OCSPReq alone would ignore.
            return new OCSPReq(OCSPRequest.getInstance(ASN1Primitive.fromByteArray(der)));
        } catch (IOException | RuntimeException e) {
            throw malformed("the request is not a DER OCSPRequest: " + e.getMessage());
        }
    }

    /**
     * Bouncy Castle decodes the parts of a request lazily, so a malformed CertID or extension inside a
     * well-framed request surfaces only when that part is reached (found by OcspRequestReaderFuzzTest).
     */
    private static <T> T decoded(Supplier<T> part, String what) {
        try {
            return part.get();
        } catch (RuntimeException e) {
            throw malformed(what + " is not well-formed: " + e.getMessage());
        }
    }

    private static Optional<Extension> nonceOf(OCSPReq request) {
        Extension nonce = decoded(() -> request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce),
                "the request extensions");
        if (nonce == null) {
            return Optional.empty();
        }
        int length;
        try {
            length = ASN1OctetString.getInstance(nonce.getParsedValue()).getOctets().length;
        } catch (RuntimeException e) {
            throw malformed("the nonce is not an OCTET STRING");
        }
        if (length < 1 || length > MAX_NONCE_OCTETS) {
            throw malformed("the nonce has " + length + " octets; RFC 8954 allows 1 to " + MAX_NONCE_OCTETS);
        }
        // Echoed as received but never critical: the nonce extension is not critical in a response.
        return Optional.of(new Extension(nonce.getExtnId(), false, nonce.getExtnValue()));
    }

    private static OcspRefusal malformed(String reason) {
        return new OcspRefusal(OCSPResp.MALFORMED_REQUEST, reason);
    }
}
