package jp.shomei.ca.events;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Optional;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.ca.certificate.AuthenticationMode;
import jp.shomei.ca.certificate.CertificateStatus;
import jp.shomei.ca.certificate.RevocationReason;

/**
 * One accepted status transition of a certificate, numbered by a gap-free, monotonic sequence.
 * Consumers (OCSP, CRL, the verifier feed) read these in sequence order and remember the last
 * sequence they applied. Issuance is a change to GOOD. A switch of a card between PIN and face-only use
 * is a change too: same status, new authentication mode.
 */
public record StatusChange(long sequence, BigInteger serial, CaKind caKind, CertificateStatus status,
                           Optional<RevocationReason> revocationReason, Instant effectiveAt,
                           AuthenticationMode authenticationMode) {

    /** A change of a certificate used with a PIN (every signing certificate, most authentication ones). */
    public StatusChange(long sequence, BigInteger serial, CaKind caKind, CertificateStatus status,
                        Optional<RevocationReason> revocationReason, Instant effectiveAt) {
        this(sequence, serial, caKind, status, revocationReason, effectiveAt, AuthenticationMode.PIN);
    }
}
