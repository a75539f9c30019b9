package jp.shomei.ca.lifecycle;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jp.shomei.ca.Problem;
import jp.shomei.ca.RefusedException;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.ca.authority.JapanTime;
import jp.shomei.ca.certificate.CertificateRecord;
import jp.shomei.ca.certificate.RevocationReason;
import jp.shomei.ca.resident.BasicFour;
import jp.shomei.ca.resident.FlaggedText;
import jp.shomei.ca.resident.Municipality;
import jp.shomei.ca.resident.Resident;
import jp.shomei.ca.store.Store;
import jp.shomei.ca.store.StoreTransaction;

/**
 * The resident register as municipalities report it: registration, changes of the basic four
 * information, and deaths, with the certificate revocations each of them implies (DESIGN.md §3).
 */
public final class ResidentRegister {

    /** Dates of birth are written in Japanese eras, the first of which (Meiji) began on this day. */
    private static final LocalDate FIRST_ERA_DAY = LocalDate.of(1868, 1, 25);

    private final Store store;
    private final Clock clock;

    ResidentRegister(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Registers a new resident, or records a change to a registered one. A change of name, date of
     * birth, sex, address or municipality revokes the resident's live signing certificates (affiliationChanged); a
     * resident who becomes an adult ward loses them too (privilegeWithdrawn). Authentication
     * certificates are untouched. The municipality code may name another municipality to record a move
     * out; from then on only the new municipality may act on the resident.
     */
    public RegisterUpdate put(Actor actor, Resident proposed) {
        Access.requireMunicipality(actor);
        return store.write(tx -> {
            Instant now = StatusTransitions.now(clock);
            Municipality destination = knownMunicipality(tx, proposed.municipalityCode());
            requireValid(proposed, destination, now);
            Optional<Resident> existing = tx.lockResident(proposed.residentCode());
            if (existing.isEmpty()) {
                if (!proposed.municipalityCode().equals(actor.municipalityCode())) {
                    throw new RefusedException(Problem.FOREIGN_MUNICIPALITY, "municipality " + actor.municipalityCode()
                            + " can only register residents to itself, not to " + proposed.municipalityCode());
                }
                if (proposed.isDeceased()) {
                    throw new RefusedException(Problem.INVALID_FIELD, "a new resident cannot be registered as deceased");
                }
                tx.insertResident(proposed, now);
                tx.appendAudit(now, actor.auditName(), "resident.register", Optional.of(proposed.residentCode()),
                        Optional.empty(), "registered to municipality " + proposed.municipalityCode());
                return new RegisterUpdate(proposed, true, List.of(), List.of());
            }
            Resident current = Access.ownResidentForUpdate(tx, actor, proposed.residentCode());
            if (current.isDeceased()) {
                throw new RefusedException(Problem.RESIDENT_DECEASED,
                        "resident " + current.residentCode() + " died on " + current.deceasedOn().orElseThrow());
            }
            if (proposed.isDeceased()) {
                throw new RefusedException(Problem.INVALID_FIELD, "report a death through the death report, not an update");
            }
            List<String> changed = changedFields(current, proposed);
            if (changed.isEmpty()) {
                return new RegisterUpdate(current, false, List.of(), List.of());
            }
            tx.updateResident(proposed, now);
            List<CertificateRecord> revoked = new ArrayList<>();
            // The subject names the municipality, so a move with the address unchanged still invalidates it.
            boolean basicFourChanged = !current.basicFour().equals(proposed.basicFour())
                    || !current.municipalityCode().equals(proposed.municipalityCode());
            boolean becameWard = proposed.adultWard() && !current.adultWard();
            if (basicFourChanged || becameWard) {
                RevocationReason reason = basicFourChanged
                        ? RevocationReason.AFFILIATION_CHANGED : RevocationReason.PRIVILEGE_WITHDRAWN;
                String why = basicFourChanged ? "resident register change of " + String.join(", ", changed)
                        : "resident became an adult ward";
                for (CertificateRecord certificate : liveCardCertificates(tx, proposed.residentCode(), now)) {
                    if (certificate.caKind() == CaKind.SIGNING) {
                        revoked.addAll(StatusTransitions.revokeWithPhones(tx, certificate, reason, now,
                                actor.auditName(), why));
                    }
                }
            }
            tx.appendAudit(now, actor.auditName(), "resident.change", Optional.of(proposed.residentCode()),
                    Optional.empty(), "changed " + String.join(", ", changed));
            return new RegisterUpdate(proposed, false, changed, revoked);
        });
    }

    /** Records a death: every live certificate of the resident, of both kinds, is revoked (cessationOfOperation). */
    public List<CertificateRecord> reportDeath(Actor actor, String residentCode, LocalDate diedOn) {
        return store.write(tx -> {
            Instant now = StatusTransitions.now(clock);
            Resident resident = Access.ownResidentForUpdate(tx, actor, residentCode);
            if (resident.isDeceased()) {
                throw new RefusedException(Problem.RESIDENT_DECEASED,
                        "resident " + residentCode + " is already recorded as deceased on " + resident.deceasedOn().orElseThrow());
            }
            if (diedOn.isAfter(JapanTime.dateOf(now))) {
                throw new RefusedException(Problem.INVALID_FIELD, "date of death " + diedOn + " is in the future");
            }
            if (diedOn.isBefore(resident.basicFour().dateOfBirth())) {
                throw new RefusedException(Problem.INVALID_FIELD, "date of death " + diedOn + " is before the date of birth");
            }
            tx.updateResident(new Resident(residentCode, resident.municipalityCode(), resident.basicFour(),
                    resident.adultWard(), Optional.of(diedOn)), now);
            List<CertificateRecord> revoked = new ArrayList<>();
            for (CertificateRecord certificate : liveCardCertificates(tx, residentCode, now)) {
                revoked.addAll(StatusTransitions.revokeWithPhones(tx, certificate,
                        RevocationReason.CESSATION_OF_OPERATION, now, actor.auditName(), "death of the holder"));
            }
            tx.appendAudit(now, actor.auditName(), "resident.death", Optional.of(residentCode), Optional.empty(),
                    "death recorded");
            return revoked;
        });
    }

    /** The resident and all their certificates, for their own municipality only. */
    public ResidentView show(Actor actor, String residentCode) {
        return store.read(tx -> new ResidentView(Access.ownResident(tx, actor, residentCode),
                tx.certificatesOf(residentCode)));
    }

    /** What a put did: whether the resident was new, which fields changed, which certificates it revoked. */
    public record RegisterUpdate(Resident resident, boolean created, List<String> changedFields,
                                 List<CertificateRecord> revoked) {
    }

    /** A resident with every certificate issued to them, oldest first. */
    public record ResidentView(Resident resident, List<CertificateRecord> certificates) {
    }

    /**
     * The resident's live card certificates, locked. Phone certificates are left out: revoking a card
     * certificate revokes the phone certificates it authorised (see StatusTransitions).
     */
    private static List<CertificateRecord> liveCardCertificates(StoreTransaction tx, String residentCode,
                                                                Instant now) {
        return tx.certificatesOf(residentCode).stream()
                .filter(c -> c.isLiveAt(now) && !c.isOnPhone())
                .map(c -> tx.lockCertificate(c.serial()).orElseThrow())
                .toList();
    }

    private static Municipality knownMunicipality(StoreTransaction tx, String code) {
        return tx.municipality(code).orElseThrow(() -> new RefusedException(Problem.INVALID_FIELD,
                "municipality " + code + " is not known to Shomei"));
    }

    private static void requireValid(Resident resident, Municipality municipality, Instant now) {
        BasicFour four = resident.basicFour();
        requireText("name", four.name(), BasicFour.MAX_NAME_LENGTH);
        requireText("address", four.address(), BasicFour.MAX_ADDRESS_LENGTH);
        if (!four.address().text().startsWith(municipality.prefectureKanji())) {
            throw new RefusedException(Problem.INVALID_FIELD, "address must start with the prefecture of municipality "
                    + municipality.code() + " (" + municipality.prefectureKanji() + ")");
        }
        if (four.dateOfBirth().isAfter(JapanTime.dateOf(now)) || four.dateOfBirth().isBefore(FIRST_ERA_DAY)) {
            throw new RefusedException(Problem.INVALID_FIELD, "date of birth " + four.dateOfBirth() + " is not plausible");
        }
    }

    private static void requireText(String field, FlaggedText text, int maxLength) {
        if (text.text().isBlank()) {
            throw new RefusedException(Problem.INVALID_FIELD, field + " must not be empty");
        }
        if (text.length() > maxLength) {
            throw new RefusedException(Problem.INVALID_FIELD,
                    field + " has " + text.length() + " characters; at most " + maxLength + " are allowed");
        }
        if (text.text().codePoints().anyMatch(Character::isISOControl)) {
            throw new RefusedException(Problem.INVALID_FIELD, field + " must not contain control characters");
        }
    }

    private static List<String> changedFields(Resident current, Resident proposed) {
        List<String> changed = new ArrayList<>();
        BasicFour a = current.basicFour();
        BasicFour b = proposed.basicFour();
        if (!a.name().equals(b.name())) {
            changed.add("name");
        }
        if (!a.dateOfBirth().equals(b.dateOfBirth())) {
            changed.add("dateOfBirth");
        }
        if (a.sex() != b.sex()) {
            changed.add("sex");
        }
        if (!a.address().equals(b.address())) {
            changed.add("address");
        }
        if (current.adultWard() != proposed.adultWard()) {
            changed.add("adultWard");
        }
        if (!current.municipalityCode().equals(proposed.municipalityCode())) {
            changed.add("municipality");
        }
        return changed;
    }
}
