package jp.shomei.ca.lifecycle;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import jp.shomei.ca.Problem;
import jp.shomei.ca.RefusedException;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.ca.authority.CertificateAuthorities;
import jp.shomei.ca.certificate.CertificateRecord;
import jp.shomei.ca.certificate.CertificateStatus;
import jp.shomei.ca.certificate.RevocationReason;
import jp.shomei.ca.linkage.SuccessionKind;
import jp.shomei.ca.phone.PhoneApplication;
import jp.shomei.ca.resident.Resident;
import jp.shomei.ca.store.StoreTransaction;
import org.bouncycastle.cert.CertException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/**
 * Smartphone certificates (DESIGN.md §3): one signing and one authentication certificate per phone,
 * authorised by the resident's good card signing certificate, each bound to the card certificate of its
 * kind and ending no later than it. A resident has one phone at a time: registering a phone revokes the
 * previous phone's certificates as superseded and links them to the new ones.
 */
final class PhoneEnrollment {

    private static final java.util.Set<RevocationReason> REPLACEABLE =
            java.util.EnumSet.of(RevocationReason.AFFILIATION_CHANGED, RevocationReason.SUPERSEDED);

    private final CertificateIssuer issuer;
    private final CertificateAuthorities authorities;

    PhoneEnrollment(CertificateIssuer issuer, CertificateAuthorities authorities) {
        this.issuer = issuer;
        this.authorities = authorities;
    }

    CertificateLifecycle.PhoneRegistration register(StoreTransaction tx, Actor actor, PhoneApplication application,
                                                    Instant now) {
        Resident resident = Access.ownResidentForUpdate(tx, actor, application.residentCode());
        CertificateLifecycle.requireAlive(resident);
        CertificateRecord cardSigning = authorisingCertificate(tx, application, now);
        CertificateRecord cardAuthentication = tx.certificatesOf(resident.residentCode()).stream()
                .filter(c -> c.caKind() == CaKind.AUTHENTICATION && !c.isOnPhone()
                        && c.status() == CertificateStatus.GOOD && !c.isExpiredAt(now))
                .reduce((older, newer) -> newer)
                .orElseThrow(() -> new RefusedException(Problem.NO_CARD_CERTIFICATE, "resident "
                        + resident.residentCode() + " holds no good card authentication certificate to bind the"
                        + " phone's authentication certificate to"));
        Optional<CertificateRecord> previousSigning = previousPhoneCertificate(tx, resident, CaKind.SIGNING, now);
        Optional<CertificateRecord> previousAuthentication =
                previousPhoneCertificate(tx, resident, CaKind.AUTHENTICATION, now);
        // The previous phone's certificates go first, so the new pair is not paired with them.
        List<CertificateRecord> superseded = new ArrayList<>();
        for (CertificateRecord phone : tx.certificatesOf(resident.residentCode())) {
            if (phone.isOnPhone() && phone.isLiveAt(now)) {
                superseded.add(StatusTransitions.revoke(tx, tx.lockCertificate(phone.serial()).orElseThrow(),
                        RevocationReason.SUPERSEDED, now, actor.auditName(),
                        "replaced by the certificates of phone " + application.deviceId()));
            }
        }
        CertificateRecord signing = issue(tx, actor, resident, CaKind.SIGNING, application, cardSigning,
                previousSigning, now);
        CertificateRecord authentication = issue(tx, actor, resident, CaKind.AUTHENTICATION, application,
                cardAuthentication, previousAuthentication, now);
        return new CertificateLifecycle.PhoneRegistration(signing, authentication, superseded);
    }

    /**
     * The card signing certificate that signed the application, as the store has it: one Shomei issued
     * (any CA generation), good now, the resident's own, and on the card.
     */
    private CertificateRecord authorisingCertificate(StoreTransaction tx, PhoneApplication application,
                                                     Instant now) {
        X509CertificateHolder signer = application.signer();
        CertificateRecord stored = tx.lockCertificate(signer.getSerialNumber())
                .filter(record -> record.caKind() == CaKind.SIGNING && Arrays.equals(record.der(), encoded(signer)))
                .filter(record -> issuedBySigningCa(signer, record.caGeneration()))
                .orElseThrow(() -> new RefusedException(Problem.PHONE_APPLICATION_SIGNER_UNKNOWN,
                        "the application is signed with a certificate Shomei's signing CA did not issue ("
                                + signer.getSubject() + ", serial " + signer.getSerialNumber().toString(16) + ")"));
        if (stored.status() != CertificateStatus.GOOD || stored.isExpiredAt(now)) {
            throw new RefusedException(Problem.PHONE_APPLICATION_SIGNER_NOT_GOOD, "signing certificate "
                    + stored.serialHex() + " is " + (stored.isExpiredAt(now) ? "expired" : stored.status().label()
                    + stored.revocationReason().map(r -> " (" + r.rfcName() + ")").orElse(""))
                    + "; only a good card signing certificate can authorise a phone");
        }
        if (!stored.residentCode().equals(application.residentCode())) {
            throw new RefusedException(Problem.PHONE_APPLICATION_SIGNER_MISMATCH, "signing certificate "
                    + stored.serialHex() + " belongs to another resident");
        }
        if (stored.isOnPhone()) {
            throw new RefusedException(Problem.PHONE_APPLICATION_SIGNER_MISMATCH, "signing certificate "
                    + stored.serialHex() + " is a phone certificate; a phone is authorised by the card");
        }
        return stored;
    }

    private boolean issuedBySigningCa(X509CertificateHolder certificate, int generation) {
        return authorities.all(CaKind.SIGNING).stream()
                .filter(ca -> ca.number() == generation)
                .anyMatch(ca -> signatureVerifies(certificate, ca.authority().certificate()));
    }

    private static boolean signatureVerifies(X509CertificateHolder certificate, X509CertificateHolder issuer) {
        try {
            return certificate.isSignatureValid(new JcaContentVerifierProviderBuilder()
                    .build(new JcaX509CertificateConverter().getCertificate(issuer)));
        } catch (CertException | OperatorCreationException | java.security.cert.CertificateException e) {
            return false;
        }
    }

    /**
     * The phone certificate of this kind the new one replaces: the resident's newest one that nothing has
     * replaced and that is either still live, or went with its card certificate when that was renewed
     * (superseded) or revoked by a change of the basic four information.
     */
    private static Optional<CertificateRecord> previousPhoneCertificate(StoreTransaction tx, Resident resident,
                                                                        CaKind kind, Instant now) {
        return tx.certificatesOf(resident.residentCode()).stream()
                .filter(c -> c.isOnPhone() && c.caKind() == kind && c.successorSerial().isEmpty())
                .filter(c -> c.isLiveAt(now) || c.revocationReason().filter(REPLACEABLE::contains).isPresent())
                .reduce((older, newer) -> newer);
    }

    private CertificateRecord issue(StoreTransaction tx, Actor actor, Resident resident, CaKind kind,
                                    PhoneApplication application, CertificateRecord card,
                                    Optional<CertificateRecord> previous, Instant now) {
        CertificateRecord issued = issuer.issue(tx, new CertificateIssuer.Order(kind, resident,
                CertificateLifecycle.municipalityOf(tx, resident),
                kind == CaKind.SIGNING ? application.signingKey() : application.authenticationKey(),
                card.cardExpiresOn(), previous.map(CertificateRecord::serial),
                CertificateIssuer.Placement.phone(application.deviceId(), card)), now, actor.auditName());
        previous.ifPresent(old -> StatusTransitions.linkReplacement(tx, tx.lockCertificate(old.serial()).orElseThrow(),
                issued.serial(), successionKind(old, application), now, actor.auditName()));
        return issued;
    }

    private static SuccessionKind successionKind(CertificateRecord old, PhoneApplication application) {
        if (old.revocationReason().equals(Optional.of(RevocationReason.AFFILIATION_CHANGED))) {
            return SuccessionKind.REISSUE;
        }
        return old.deviceId().equals(Optional.of(application.deviceId()))
                ? SuccessionKind.RENEWAL : SuccessionKind.PHONE_REPLACEMENT;
    }

    private static byte[] encoded(X509CertificateHolder certificate) {
        try {
            return certificate.getEncoded();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
