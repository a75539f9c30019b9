package jp.shomei.verifier.validation;

import java.time.Instant;
import java.util.Optional;
import jp.shomei.ca.certificate.AuthenticationMode;
import jp.shomei.ca.certificate.RevocationReason;

/**
 * A certificate's status at one instant: good, on-hold, revoked, expired, or not-yet-issued, with the
 * revocation reason and the instant the status took effect where there is one, and whether the
 * certificate was then for face-authentication-only use.
 */
public record StatusAt(String label, Optional<RevocationReason> revocationReason, Optional<Instant> since,
                       AuthenticationMode authenticationMode) {

    public boolean isGood() {
        return label.equals("good");
    }
}
