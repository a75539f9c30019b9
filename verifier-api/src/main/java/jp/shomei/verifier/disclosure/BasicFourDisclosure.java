package jp.shomei.verifier.disclosure;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import jp.shomei.ca.Problem;
import jp.shomei.ca.RefusedException;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.ca.certificate.CertificateRecord;
import jp.shomei.ca.certificate.CertificateStatus;
import jp.shomei.ca.certificate.RevocationReason;
import jp.shomei.ca.resident.Resident;
import jp.shomei.ca.store.Store;
import jp.shomei.ca.verifier.Consent;
import jp.shomei.ca.verifier.Verifier;
import jp.shomei.verifier.access.VisibleCertificates;

/**
 * The latest basic four information (最新基本4情報, DESIGN.md §3): the resident's current name, date of
 * birth, sex and address, for a signing certificate that is current or was revoked because the
 * resident's record changed, only with the resident's consent in force for this verifier and its
 * stated purpose. The address of a resident under DV / stalking protection is never disclosed. Each
 * disclosure is audited, in the same transaction, with verifier, purpose and fields.
 */
public final class BasicFourDisclosure {

    private final Store store;
    private final Clock clock;

    public BasicFourDisclosure(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** What was disclosed; the address is empty when withheld. */
    public record Disclosure(CertificateRecord certificate, Resident resident, boolean addressWithheld,
                             Consent consent, List<String> fields) {
    }

    public Disclosure disclose(Verifier verifier, BigInteger serial) {
        return store.write(tx -> {
            Instant now = clock.instant();
            CertificateRecord certificate = VisibleCertificates.find(tx, verifier.verifierClass(), serial);
            if (certificate.caKind() != CaKind.SIGNING) {
                throw new RefusedException(Problem.INVALID_FIELD,
                        "basic four information is disclosed for signing certificates only");
            }
            requireCurrentOrChanged(certificate, now);
            Consent consent = consentInForce(tx.consentsOf(certificate.residentCode(), verifier.id()), verifier, now);
            Resident resident = tx.resident(certificate.residentCode()).orElseThrow();
            boolean withheld = tx.isAddressProtected(resident.residentCode());
            List<String> fields = new ArrayList<>(List.of("name", "dateOfBirth", "sex"));
            if (!withheld) {
                fields.add("address");
            }
            tx.appendAudit(now, verifier.auditName(), "basic-four.disclose", Optional.of(resident.residentCode()),
                    Optional.of(serial), "purpose '" + verifier.purpose() + "'; consent " + consent.id() + "; fields "
                            + String.join(",", fields) + (withheld ? "; address withheld (protection)" : ""));
            return new Disclosure(certificate, resident, withheld, consent, List.copyOf(fields));
        });
    }

    /** Current (good, unexpired) or revoked after a change of the resident's record or by renewal. */
    private static void requireCurrentOrChanged(CertificateRecord certificate, Instant now) {
        boolean current = certificate.status() == CertificateStatus.GOOD && !certificate.isExpiredAt(now);
        boolean changed = certificate.status() == CertificateStatus.REVOKED && certificate.revocationReason()
                .filter(reason -> reason == RevocationReason.AFFILIATION_CHANGED || reason == RevocationReason.SUPERSEDED)
                .isPresent();
        if (!current && !changed) {
            throw new RefusedException(Problem.CERTIFICATE_NOT_CURRENT, "certificate " + certificate.serialHex() + " is "
                    + (certificate.isExpiredAt(now) ? "expired" : certificate.status().label()
                    + certificate.revocationReason().map(reason -> " (" + reason.rfcName() + ")").orElse(""))
                    + "; the latest basic four follow only current certificates and those revoked after a change");
        }
    }

    /** The newest consent in force, or the precise reason there is none. */
    private static Consent consentInForce(List<Consent> consents, Verifier verifier, Instant now) {
        List<Consent> forPurpose = consents.stream().filter(consent -> consent.purpose().equals(verifier.purpose()))
                .sorted(Comparator.comparing(Consent::givenAt).reversed()).toList();
        if (forPurpose.isEmpty()) {
            throw new RefusedException(Problem.CONSENT_MISSING, "the resident has not consented to disclosure to verifier "
                    + verifier.id() + " for '" + verifier.purpose() + "'");
        }
        Optional<Consent> inForce = forPurpose.stream()
                .filter(consent -> consent.standingAt(now) == Consent.Standing.IN_FORCE).findFirst();
        if (inForce.isPresent()) {
            return inForce.get();
        }
        Consent newest = forPurpose.get(0);
        if (newest.standingAt(now) == Consent.Standing.WITHDRAWN) {
            throw new RefusedException(Problem.CONSENT_WITHDRAWN, "the resident withdrew consent " + newest.id() + " at "
                    + newest.withdrawnAt().orElseThrow());
        }
        throw new RefusedException(Problem.CONSENT_EXPIRED, "consent " + newest.id() + " expired at " + newest.expiresAt());
    }
}
