package jp.shomei.crl.encoding;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.x509.CRLReason;

/**
 * One revokedCertificates entry of a CRL (RFC 5280 section 5.3).
 *
 * @param reason the CRLReason code, absent for unspecified (RFC 5280 asks for no reasonCode then)
 * @param invalidityDate when the certificate is known to have become invalid, if that is known
 */
public record RevokedEntry(BigInteger serial, Instant revocationDate, Optional<Integer> reason,
                           Optional<Instant> invalidityDate) {

    public RevokedEntry {
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(revocationDate, "revocationDate");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(invalidityDate, "invalidityDate");
        if (serial.signum() <= 0) {
            throw new IllegalArgumentException("certificate serial numbers are positive, got " + serial);
        }
        reason.ifPresent(code -> {
            if (code < CRLReason.unspecified || code > CRLReason.aACompromise || code == 7) {
                throw new IllegalArgumentException("not a CRLReason code: " + code);
            }
        });
    }
}
