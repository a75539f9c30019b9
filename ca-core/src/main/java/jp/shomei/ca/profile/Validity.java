package jp.shomei.ca.profile;

import java.time.Instant;
import java.util.Objects;

/**
 * The validity period written into a certificate, in whole seconds because that is all
 * UTCTime and GeneralizedTime carry here: what this record says is exactly what the certificate says.
 */
public record Validity(Instant notBefore, Instant notAfter) {

    public Validity {
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        if (notBefore.getNano() != 0 || notAfter.getNano() != 0) {
            throw new IllegalArgumentException("validity must be in whole seconds: " + notBefore + " .. " + notAfter);
        }
        if (notAfter.isBefore(notBefore)) {
            throw new IllegalArgumentException("notAfter " + notAfter + " is before notBefore " + notBefore);
        }
    }
}
