package jp.shomei.ocsp.request;

import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.ocsp.CertificateID;

/** A well-formed OCSP request: the certificates asked about and the nonce to echo, if any. */
public record OcspQuestion(List<CertificateID> certificates, Optional<Extension> nonce) {

    public OcspQuestion {
        certificates = List.copyOf(certificates);
    }

    /** RFC 5019's common case, answerable from a response signed in advance. */
    public boolean isPresignable() {
        return certificates.size() == 1 && nonce.isEmpty();
    }
}
