package jp.shomei.crl.generation;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Optional;
import jp.shomei.ca.certificate.CertificateStatus;
import jp.shomei.ca.certificate.RevocationReason;
import jp.shomei.crl.encoding.RevokedEntry;
import org.bouncycastle.asn1.x509.CRLReason;

/** How a certificate's recorded status becomes a CRL entry. */
final class CrlEntries {

    private CrlEntries() {
    }

    /**
     * A revoked certificate with its reason (none for unspecified, as RFC 5280 section 5.3.1 asks), a
     * suspended one with certificateHold; both with the status change time as revocation and
     * invalidity date.
     */
    static RevokedEntry revoked(BigInteger serial, CertificateStatus status, Optional<RevocationReason> reason,
                                Instant changedAt) {
        Optional<Integer> code = switch (status) {
            case REVOKED -> reason.filter(r -> r != RevocationReason.UNSPECIFIED).map(RevocationReason::code);
            case ON_HOLD -> Optional.of(CRLReason.certificateHold);
            case GOOD -> throw new IllegalArgumentException("certificate " + serial.toString(16) + " is not revoked");
        };
        return new RevokedEntry(serial, changedAt, code, Optional.of(changedAt));
    }

    /** A delta entry telling relying parties to drop the certificate's hold from the base CRL. */
    static RevokedEntry removedFromCrl(BigInteger serial, Instant changedAt) {
        return new RevokedEntry(serial, changedAt, Optional.of(CRLReason.removeFromCRL), Optional.empty());
    }
}
