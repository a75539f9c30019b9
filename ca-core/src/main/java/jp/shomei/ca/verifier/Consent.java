package jp.shomei.ca.verifier;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A resident's consent to the disclosure of their latest basic four to one verifier for one
 * purpose. It counts from givenAt until expiresAt, unless withdrawn before.
 */
public record Consent(String id, String residentCode, String verifierId, String purpose, Instant givenAt,
                      Instant expiresAt, Optional<Instant> withdrawnAt, String recordedBy) {

    public Consent {
        Objects.requireNonNull(withdrawnAt, "withdrawnAt");
        if (!expiresAt.isAfter(givenAt)) {
            throw new IllegalArgumentException("a consent must expire after it is given");
        }
    }

    /** Why a consent does or does not allow a disclosure at a given instant. */
    public enum Standing { IN_FORCE, WITHDRAWN, EXPIRED }

    public Standing standingAt(Instant now) {
        if (withdrawnAt.isPresent() && !now.isBefore(withdrawnAt.get())) {
            return Standing.WITHDRAWN;
        }
        return now.isBefore(expiresAt) ? Standing.IN_FORCE : Standing.EXPIRED;
    }

    public Consent withdrawn(Instant at) {
        return new Consent(id, residentCode, verifierId, purpose, givenAt, expiresAt, Optional.of(at), recordedBy);
    }
}
