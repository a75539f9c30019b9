package jp.shomei.ocsp.status;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import jp.shomei.ca.certificate.AuthenticationMode;
import jp.shomei.ca.certificate.CertificateStatus;
import jp.shomei.ca.certificate.RevocationReason;

/**
 * What OCSP says about one known certificate: its status and, unless good, since when and why, and
 * for an authentication certificate whether its card is face-only. Times are whole seconds, the
 * precision of OCSP's GeneralizedTime.
 */
public record CertState(CertificateStatus status, Optional<RevocationReason> reason, Instant since,
                        AuthenticationMode mode) {

    /** The state of a certificate used with a PIN. */
    public CertState(CertificateStatus status, Optional<RevocationReason> reason, Instant since) {
        this(status, reason, since, AuthenticationMode.PIN);
    }

    public CertState {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(mode, "mode");
        since = since.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        if (status == CertificateStatus.ON_HOLD) {
            reason = Optional.of(RevocationReason.CERTIFICATE_HOLD);
        } else if (status == CertificateStatus.GOOD) {
            reason = Optional.empty();
        }
    }
}
