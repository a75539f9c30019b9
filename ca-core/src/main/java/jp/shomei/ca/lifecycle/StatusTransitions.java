package jp.shomei.ca.lifecycle;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jp.shomei.ca.Problem;
import jp.shomei.ca.RefusedException;
import jp.shomei.ca.certificate.CertificateRecord;
import jp.shomei.ca.certificate.CertificateStatus;
import jp.shomei.ca.certificate.RevocationReason;
import jp.shomei.ca.linkage.Succession;
import jp.shomei.ca.linkage.SuccessionKind;
import jp.shomei.ca.store.StoreTransaction;

/**
 * The certificate status state machine. Each accepted transition updates the certificate, appends a
 * status change and an audit entry, all in the caller's transaction; a refused one throws before
 * writing anything.
 *
 * <pre>
 *   GOOD ──suspend──▶ ON_HOLD ──resume──▶ GOOD
 *   GOOD | ON_HOLD ──revoke(reason)──▶ REVOKED   (final)
 * </pre>
 * An expired certificate takes no transition: it stays answerable with its last status.
 */
final class StatusTransitions {

    private StatusTransitions() {
    }

    static CertificateRecord suspend(StoreTransaction tx, CertificateRecord certificate, Instant now, String actor) {
        requireNotExpired(certificate, now);
        if (certificate.status() != CertificateStatus.GOOD) {
            throw illegal(certificate, "suspend");
        }
        return apply(tx, certificate, CertificateStatus.ON_HOLD, Optional.of(RevocationReason.CERTIFICATE_HOLD),
                now, actor, "certificate.suspend", "suspended (certificateHold)");
    }

    static CertificateRecord resume(StoreTransaction tx, CertificateRecord certificate, Instant now, String actor) {
        requireNotExpired(certificate, now);
        if (certificate.status() != CertificateStatus.ON_HOLD) {
            throw illegal(certificate, "resume");
        }
        return apply(tx, certificate, CertificateStatus.GOOD, Optional.empty(), now, actor, "certificate.resume",
                "resumed");
    }

    static CertificateRecord revoke(StoreTransaction tx, CertificateRecord certificate, RevocationReason reason,
                                    Instant now, String actor, String why) {
        if (reason == RevocationReason.CERTIFICATE_HOLD) {
            throw new RefusedException(Problem.INVALID_FIELD,
                    "certificateHold is not a revocation reason here: suspend the certificate instead");
        }
        requireRevocable(certificate, now);
        return apply(tx, certificate, CertificateStatus.REVOKED, Optional.of(reason), now, actor,
                "certificate.revoke", "revoked (" + reason.rfcName() + "): " + why);
    }

    /**
     * Revokes a certificate and, when it is a card certificate, every live phone certificate it
     * authorised, with the same reason, in the caller's transaction: their status changes follow one
     * another in the feed. Returns every certificate revoked, the given one first.
     */
    static List<CertificateRecord> revokeWithPhones(StoreTransaction tx, CertificateRecord certificate,
                                                    RevocationReason reason, Instant now, String actor, String why) {
        List<CertificateRecord> revoked = new ArrayList<>();
        revoked.add(revoke(tx, certificate, reason, now, actor, why));
        revoked.addAll(revokeLinkedPhones(tx, certificate, reason, now, actor));
        return revoked;
    }

    private static List<CertificateRecord> revokeLinkedPhones(StoreTransaction tx, CertificateRecord card,
                                                              RevocationReason reason, Instant now, String actor) {
        List<CertificateRecord> revoked = new ArrayList<>();
        if (card.isOnPhone()) {
            return revoked;
        }
        for (CertificateRecord phone : tx.phoneCertificatesOf(card.serial())) {
            if (phone.isLiveAt(now)) {
                revoked.add(revoke(tx, tx.lockCertificate(phone.serial()).orElseThrow(), reason, now, actor,
                        "its card certificate " + card.serialHex() + " was revoked"));
            }
        }
        return revoked;
    }

    /**
     * Revokes a replaced certificate as superseded and links it to its successor, in one update of the
     * certificate and one linkage record.
     */
    static CertificateRecord supersede(StoreTransaction tx, CertificateRecord certificate, BigInteger successor,
                                       SuccessionKind kind, Instant now, String actor) {
        requireRevocable(certificate, now);
        CertificateRecord changed = certificate.withStatus(CertificateStatus.REVOKED,
                Optional.of(RevocationReason.SUPERSEDED), now).withSuccessor(successor);
        CertificateRecord recorded = record(tx, changed, now, actor, "certificate.revoke",
                "revoked (" + RevocationReason.SUPERSEDED.rfcName() + "): " + kind.label() + " as "
                        + successor.toString(16));
        tx.insertSuccession(new Succession(certificate.serial(), successor, kind, now));
        revokeLinkedPhones(tx, certificate, RevocationReason.SUPERSEDED, now, actor);
        return recorded;
    }

    /** Links an already revoked certificate to the one issued in its place, without a status change. */
    static void linkReplacement(StoreTransaction tx, CertificateRecord revoked, BigInteger successor,
                                SuccessionKind kind, Instant now, String actor) {
        tx.updateCertificate(revoked.withSuccessor(successor));
        tx.insertSuccession(new Succession(revoked.serial(), successor, kind, now));
        tx.appendAudit(now, actor, "certificate.link", Optional.of(revoked.residentCode()),
                Optional.of(revoked.serial()), kind.label() + " as " + successor.toString(16));
    }

    private static void requireRevocable(CertificateRecord certificate, Instant now) {
        requireNotExpired(certificate, now);
        if (certificate.status() == CertificateStatus.REVOKED) {
            throw illegal(certificate, "revoke");
        }
    }

    private static CertificateRecord apply(StoreTransaction tx, CertificateRecord certificate,
                                           CertificateStatus status, Optional<RevocationReason> reason, Instant now,
                                           String actor, String action, String detail) {
        return record(tx, certificate.withStatus(status, reason, now), now, actor, action, detail);
    }

    /** Writes the changed certificate with its status change and audit entry. */
    private static CertificateRecord record(StoreTransaction tx, CertificateRecord changed, Instant now, String actor,
                                            String action, String detail) {
        tx.updateCertificate(changed);
        tx.appendStatusChange(changed.serial(), changed.caKind(), changed.status(), changed.revocationReason(), now,
                changed.authenticationMode());
        tx.appendAudit(now, actor, action, Optional.of(changed.residentCode()), Optional.of(changed.serial()),
                detail);
        return changed;
    }

    /**
     * The time of a transition, at the precision the store keeps, so that what a call returns is
     * exactly what a later read shows.
     */
    static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    static void requireNotExpired(CertificateRecord certificate, Instant now) {
        if (certificate.isExpiredAt(now)) {
            throw new RefusedException(Problem.CERTIFICATE_EXPIRED, "certificate " + certificate.serialHex()
                    + " expired at " + certificate.notAfter() + "; an expired certificate takes no further change");
        }
    }

    private static RefusedException illegal(CertificateRecord certificate, String action) {
        String status = certificate.status().label();
        String reason = certificate.revocationReason().map(r -> " (" + r.rfcName() + ")").orElse("");
        return new RefusedException(Problem.ILLEGAL_TRANSITION, "cannot " + action + " certificate "
                + certificate.serialHex() + ": its status is " + status + reason);
    }
}
