package jp.shomei.ocsp.status;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import jp.shomei.ca.certificate.CertificateStatus;
import jp.shomei.ca.certificate.RevocationReason;

/**
 * What OCSP says about one known certificate: its status and, unless good, since when and why. Times
 * are whole seconds, the precision of OCSP's GeneralizedTime.
 */
public record CertState(CertificateStatus status, Optional<RevocationReason> reason, Instant since) {

    public CertState {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        since = since.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        if (status == CertificateStatus.ON_HOLD) {
            reason = Optional.of(RevocationReason.CERTIFICATE_HOLD);
        } else if (status == CertificateStatus.GOOD) {
            reason = Optional.empty();
        }
    }
}
