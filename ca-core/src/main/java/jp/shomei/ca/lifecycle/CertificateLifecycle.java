package jp.shomei.ca.lifecycle;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import jp.shomei.ca.Problem;
import jp.shomei.ca.RefusedException;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.ca.certificate.AuthenticationMode;
import jp.shomei.ca.certificate.CertificateRecord;
import jp.shomei.ca.certificate.CertificateStatus;
import jp.shomei.ca.certificate.RevocationReason;
import jp.shomei.ca.linkage.CertificateLinks;
import jp.shomei.ca.linkage.LinkageQuery;
import jp.shomei.ca.linkage.SuccessionKind;
import jp.shomei.ca.phone.PhoneApplication;
import jp.shomei.ca.profile.ValidityPolicy;
import jp.shomei.ca.resident.Municipality;
import jp.shomei.ca.resident.Resident;
import jp.shomei.ca.store.Store;
import jp.shomei.ca.store.StoreTransaction;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * Everything a municipality does to a certificate: enroll, suspend, resume, revoke, renew. Each call
 * is one transaction that either completes with its status change and audit entry or changes nothing.
 */
public final class CertificateLifecycle {

    private final Store store;
    private final CertificateIssuer issuer;
    private final PhoneEnrollment phones;
    private final Clock clock;

    CertificateLifecycle(Store store, CertificateIssuer issuer, PhoneEnrollment phones, Clock clock) {
        this.store = store;
        this.issuer = issuer;
        this.phones = phones;
        this.clock = clock;
    }

    /**
     * Issues a new certificate of this kind to a resident for a key made on their card. Refused while
     * the resident still holds a live certificate of the kind: that one must be renewed or revoked.
     */
    public CertificateRecord enroll(Actor actor, String residentCode, CaKind kind, SubjectPublicKeyInfo publicKey,
                                    LocalDate cardExpiresOn) {
        return store.write(tx -> {
            Instant now = StatusTransitions.now(clock);
            Resident resident = Access.ownResidentForUpdate(tx, actor, residentCode);
            requireAlive(resident);
            List<CertificateRecord> held = tx.certificatesOf(residentCode);
            held.stream()
                    .filter(c -> c.caKind() == kind && !c.isOnPhone() && c.isLiveAt(now))
                    .findFirst()
                    .ifPresent(live -> {
                        throw new RefusedException(Problem.ACTIVE_CERTIFICATE_EXISTS, "resident " + residentCode
                                + " already holds " + kind.pathName() + " certificate " + live.serialHex()
                                + " (" + live.status().label()
                                + "); renew or revoke it first");
                    });
            Municipality municipality = municipalityOf(tx, resident);
            Optional<CertificateRecord> reissued = reissuedBy(tx, held, kind);
            CertificateRecord issued = issuer.issue(tx, new CertificateIssuer.Order(kind, resident, municipality,
                    publicKey, cardExpiresOn, reissued.map(CertificateRecord::serial),
                    CertificateIssuer.Placement.card(AuthenticationMode.PIN)), now, actor.auditName());
            reissued.ifPresent(old -> StatusTransitions.linkReplacement(tx, old, issued.serial(),
                    SuccessionKind.REISSUE, now, actor.auditName()));
            return issued;
        });
    }

    public CertificateRecord suspend(Actor actor, BigInteger serial) {
        return store.write(tx -> StatusTransitions.suspend(tx, Access.certificateForSuspension(tx, actor, serial),
                StatusTransitions.now(clock), actor.auditName()));
    }

    /**
     * The CA that issued a certificate this actor may suspend, for a protocol whose request names the
     * CA; unlike {@link #history}, the call centre may ask it of any resident's certificate.
     */
    public CaKind issuingCaForSuspension(Actor actor, BigInteger serial) {
        return store.read(tx -> Access.certificateToSuspend(tx, actor, serial).caKind());
    }

    public CertificateRecord resume(Actor actor, BigInteger serial) {
        return store.write(tx -> {
            CertificateRecord certificate = Access.ownCertificateForUpdate(tx, actor, serial);
            requireAlive(tx.resident(certificate.residentCode()).orElseThrow());
            return StatusTransitions.resume(tx, certificate, StatusTransitions.now(clock), actor.auditName());
        });
    }

    public CertificateRecord revoke(Actor actor, BigInteger serial, RevocationReason reason) {
        return store.write(tx -> StatusTransitions.revokeWithPhones(tx, Access.ownCertificateForUpdate(tx, actor, serial),
                reason, StatusTransitions.now(clock), actor.auditName(), "requested by the municipality").get(0));
    }

    /**
     * Replaces a good certificate in its last three months with a new one for a new key; the old one is
     * revoked as superseded and both are linked. The card expiry carries over unless a new one is given.
     */
    public Renewal renew(Actor actor, BigInteger serial, SubjectPublicKeyInfo publicKey,
                         Optional<LocalDate> newCardExpiresOn) {
        return store.write(tx -> {
            Instant now = StatusTransitions.now(clock);
            CertificateRecord old = Access.ownCertificateForUpdate(tx, actor, serial);
            StatusTransitions.requireNotExpired(old, now);
            if (old.status() != CertificateStatus.GOOD) {
                throw new RefusedException(Problem.ILLEGAL_TRANSITION, "cannot renew certificate " + old.serialHex()
                        + ": its status is " + old.status().label()
                        + "; only a good certificate can be renewed");
            }
            Instant opens = ValidityPolicy.renewalOpensAt(old.notAfter());
            if (now.isBefore(opens)) {
                throw new RefusedException(Problem.RENEWAL_TOO_EARLY, "certificate " + old.serialHex()
                        + " expires at " + old.notAfter() + "; renewal opens at " + opens);
            }
            Resident resident = tx.lockResident(old.residentCode()).orElseThrow();
            requireAlive(resident);
            CertificateRecord successor = issuer.issue(tx, new CertificateIssuer.Order(old.caKind(), resident,
                    municipalityOf(tx, resident), publicKey, newCardExpiresOn.orElse(old.cardExpiresOn()),
                    Optional.of(old.serial()), CertificateIssuer.Placement.card(old.authenticationMode())), now,
                    actor.auditName());
            CertificateRecord superseded = StatusTransitions.supersede(tx, old, successor.serial(),
                    SuccessionKind.RENEWAL, now, actor.auditName());
            return new Renewal(superseded, successor);
        });
    }

    /**
     * Issues a phone's signing and authentication certificates on an application signed with the
     * resident's card signing certificate (see {@link PhoneEnrollment}); the previous phone's
     * certificates are revoked as superseded and linked to the new ones, all in one transaction.
     */
    public PhoneRegistration registerPhone(Actor actor, PhoneApplication application) {
        return store.write(tx -> phones.register(tx, actor, application, StatusTransitions.now(clock)));
    }

    /**
     * Switches a resident's card between PIN use and face-only use (顔認証マイナンバーカード), effective at
     * once and in either direction. The mode belongs to the card's good authentication certificate; the
     * switch is recorded as a status change with the same status, so OCSP learns it from the feed.
     */
    public CertificateRecord switchAuthenticationMode(Actor actor, String residentCode, AuthenticationMode mode) {
        return store.write(tx -> {
            Instant now = StatusTransitions.now(clock);
            Resident resident = Access.ownResidentForUpdate(tx, actor, residentCode);
            requireAlive(resident);
            CertificateRecord card = tx.certificatesOf(residentCode).stream()
                    .filter(c -> c.caKind() == CaKind.AUTHENTICATION && !c.isOnPhone() && c.isLiveAt(now))
                    .reduce((older, newer) -> newer)
                    .map(c -> tx.lockCertificate(c.serial()).orElseThrow())
                    .orElseThrow(() -> new RefusedException(Problem.NO_CARD_CERTIFICATE, "resident " + residentCode
                            + " holds no live card authentication certificate whose mode could be switched"));
            if (card.status() != CertificateStatus.GOOD) {
                throw new RefusedException(Problem.ILLEGAL_TRANSITION, "authentication certificate "
                        + card.serialHex() + " is " + card.status().label() + "; resume it before switching its mode");
            }
            if (card.authenticationMode() == mode) {
                throw new RefusedException(Problem.ILLEGAL_TRANSITION, "authentication certificate "
                        + card.serialHex() + " is already in " + mode.label() + " mode");
            }
            CertificateRecord switched = card.withAuthenticationMode(mode);
            tx.updateCertificate(switched);
            tx.appendStatusChange(switched.serial(), switched.caKind(), switched.status(),
                    switched.revocationReason(), now, mode);
            tx.appendAudit(now, actor.auditName(), "certificate.mode", Optional.of(residentCode),
                    Optional.of(switched.serial()), "switched from " + card.authenticationMode().label() + " to "
                            + mode.label() + " mode");
            return switched;
        });
    }

    /** The certificate's links (successors, predecessors, pairs), for its own municipality only. */
    public CertificateLinks links(Actor actor, BigInteger serial) {
        return store.read(tx -> {
            Access.ownCertificate(tx, actor, serial);
            return LinkageQuery.linksOf(tx, serial).orElseThrow();
        });
    }

    /** The certificate, its status history and its audit trail, for its own municipality only. */
    public CertificateHistory history(Actor actor, BigInteger serial) {
        return store.read(tx -> {
            CertificateRecord certificate = Access.ownCertificate(tx, actor, serial);
            return new CertificateHistory(certificate, tx.statusChangesOf(serial), tx.auditOf(serial));
        });
    }

    /** A phone registration's outcome: the phone's two new certificates and the previous phone's, now revoked. */
    public record PhoneRegistration(CertificateRecord signing, CertificateRecord authentication,
                                    List<CertificateRecord> superseded) {
    }

    /** A renewal's outcome: the superseded certificate and its successor. */
    public record Renewal(CertificateRecord superseded, CertificateRecord successor) {
    }

    /**
     * The card certificate a new enrollment re-issues: the newest one of the kind that a change of the
     * basic four information revoked and that nothing has replaced yet, among the resident's certificates
     * as read under the resident's lock.
     */
    private static Optional<CertificateRecord> reissuedBy(StoreTransaction tx, List<CertificateRecord> held,
                                                          CaKind kind) {
        return held.stream()
                .filter(c -> c.caKind() == kind && !c.isOnPhone() && c.successorSerial().isEmpty()
                        && c.revocationReason().equals(Optional.of(RevocationReason.AFFILIATION_CHANGED)))
                .reduce((older, newer) -> newer)
                .map(c -> tx.lockCertificate(c.serial()).orElseThrow());
    }

    static Municipality municipalityOf(StoreTransaction tx, Resident resident) {
        return tx.municipality(resident.municipalityCode()).orElseThrow(() -> new IllegalStateException(
                "resident " + resident.residentCode() + " is registered to unknown municipality "
                        + resident.municipalityCode()));
    }

    static void requireAlive(Resident resident) {
        resident.deceasedOn().ifPresent(date -> {
            throw new RefusedException(Problem.RESIDENT_DECEASED,
                    "resident " + resident.residentCode() + " died on " + date);
        });
    }
}
