package jp.shomei.crl.generation;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Optional;
import jp.shomei.ca.certificate.CertificateStatus;
import jp.shomei.ca.certificate.RevocationReason;
import jp.shomei.crl.encoding.RevokedEntry;

/**
 * A certificate whose status changed after some status sequence, with its status now.
 *
 * @param lastSequence the sequence of its newest status change
 * @param everHeld whether it was ever suspended: a return to good is then a hold release
 */
record ChangedCertificate(BigInteger serial, String partition, CertificateStatus status,
                          Optional<RevocationReason> reason, Instant changedAt, long lastSequence, boolean everHeld) {

    /**
     * What a delta CRL says about it: revoked or held as in a full CRL, removeFromCRL once a hold is
     * released, nothing for a newly issued certificate.
     */
    Optional<RevokedEntry> deltaEntry() {
        if (status != CertificateStatus.GOOD) {
            return Optional.of(CrlEntries.revoked(serial, status, reason, changedAt));
        }
        return everHeld ? Optional.of(CrlEntries.removedFromCrl(serial, changedAt)) : Optional.empty();
    }
}
