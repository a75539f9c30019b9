package jp.shomei.ca.lifecycle;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import jp.shomei.ca.Problem;
import jp.shomei.ca.RefusedException;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.ca.certificate.CertificateRecord;
import jp.shomei.ca.certificate.CertificateStatus;
import jp.shomei.ca.cms.SignedDocument;
import jp.shomei.ca.store.Store;
import jp.shomei.ca.store.StoreTransaction;
import jp.shomei.ca.verifier.Consent;
import jp.shomei.ca.verifier.Verifier;

/**
 * Residents' consents to basic-four disclosure and the DV / stalking protection flag, as their
 * municipality records them (docs/municipal-api.md). A consent is recorded either on the
 * municipality's word or from a consent document the resident signed with their own, valid signing
 * certificate. Only municipalities act here, never the call centre. Every change is audited in the
 * transaction that makes it.
 */
public final class ConsentRegister {

    /** The members of a signed consent document's JSON content. */
    private static final Set<String> DOCUMENT_MEMBERS = Set.of("verifier", "purpose", "expiresAt");

    private final Store store;
    private final Clock clock;

    ConsentRegister(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Records a consent the municipality took from the resident in person. */
    public Consent record(Actor actor, String residentCode, String verifierId, String purpose, Instant expiresAt) {
        Access.requireMunicipality(actor);
        return store.write(tx -> {
            Access.ownResident(tx, actor, residentCode);
            return insert(tx, residentCode, verifierId, purpose, expiresAt, actor.auditName(), actor.auditName());
        });
    }

    /**
     * Records the consent a resident signed: a CMS SignedData whose attached content is JSON
     * {"verifier", "purpose", "expiresAt"}, signed with a signing certificate Shomei issued to this
     * resident and that is valid now.
     */
    public Consent recordDocument(Actor actor, String residentCode, byte[] signedData) {
        Access.requireMunicipality(actor);
        SignedDocument document = SignedDocument.read(signedData, Optional.empty(), Problem.INVALID_CONSENT_DOCUMENT);
        if (!document.signatureValid()) {
            throw refused("the signature does not verify with the signer's certificate");
        }
        JsonObject content = consentContent(document.content());
        return store.write(tx -> {
            Access.ownResident(tx, actor, residentCode);
            Instant now = StatusTransitions.now(clock);
            CertificateRecord signer = tx.certificate(document.signer().getSerialNumber())
                    .filter(record -> Arrays.equals(record.der(), document.signerDer()))
                    .orElseThrow(() -> refused("the signer's certificate was not issued by Shomei"));
            if (signer.caKind() != CaKind.SIGNING) {
                throw refused("the document must be signed with a signing certificate");
            }
            if (!signer.residentCode().equals(residentCode)) {
                throw refused("the document is signed by another resident");
            }
            if (signer.status() != CertificateStatus.GOOD || signer.isExpiredAt(now)) {
                throw refused("the signer's certificate is not valid now");
            }
            return insert(tx, residentCode, content.getString("verifier"), content.getString("purpose"),
                    instant(content.getString("expiresAt")), actor.auditName(),
                    "document signed with " + signer.serialHex());
        });
    }

    /** Withdraws a consent from now on; withdrawing twice is refused. */
    public Consent withdraw(Actor actor, String consentId) {
        Access.requireMunicipality(actor);
        return store.write(tx -> {
            Consent consent = tx.consent(consentId).orElseThrow(() -> new RefusedException(Problem.CONSENT_NOT_FOUND,
                    "no consent with id " + consentId));
            Access.ownResident(tx, actor, consent.residentCode());
            if (consent.withdrawnAt().isPresent()) {
                throw new RefusedException(Problem.ILLEGAL_TRANSITION, "consent " + consentId + " was already withdrawn");
            }
            Instant now = StatusTransitions.now(clock);
            Consent withdrawn = consent.withdrawn(now);
            tx.updateConsent(withdrawn);
            tx.appendAudit(now, actor.auditName(), "consent.withdraw", Optional.of(consent.residentCode()),
                    Optional.empty(), "consent " + consentId + " for verifier " + consent.verifierId() + " withdrawn");
            return withdrawn;
        });
    }

    /** Sets or clears the DV / stalking protection flag; while set, no verifier ever receives the address. */
    public boolean protectAddress(Actor actor, String residentCode, boolean protect) {
        Access.requireMunicipality(actor);
        return store.write(tx -> {
            Access.ownResidentForUpdate(tx, actor, residentCode);
            boolean current = tx.isAddressProtected(residentCode);
            if (current == protect) {
                return protect;
            }
            Instant now = StatusTransitions.now(clock);
            if (protect) {
                tx.protectAddress(residentCode, now, actor.auditName());
            } else {
                tx.unprotectAddress(residentCode);
            }
            tx.appendAudit(now, actor.auditName(), protect ? "address.protect" : "address.unprotect",
                    Optional.of(residentCode), Optional.empty(), protect ? "address withheld from verifiers"
                            : "address protection lifted");
            return protect;
        });
    }

    private Consent insert(StoreTransaction tx, String residentCode, String verifierId, String purpose,
                           Instant expiresAt, String actor, String recordedBy) {
        Instant now = StatusTransitions.now(clock);
        Verifier verifier = tx.verifier(verifierId).orElseThrow(() -> new RefusedException(Problem.VERIFIER_NOT_FOUND,
                "no verifier registered as '" + verifierId + "'"));
        if (!verifier.purpose().equals(purpose)) {
            throw new RefusedException(Problem.CONSENT_PURPOSE_MISMATCH, "verifier " + verifierId
                    + " stated the purpose '" + verifier.purpose() + "', the consent names '" + purpose + "'");
        }
        if (!expiresAt.isAfter(now)) {
            throw new RefusedException(Problem.INVALID_FIELD, "expiresAt " + expiresAt + " is not in the future");
        }
        Consent consent = new Consent(UUID.randomUUID().toString(), residentCode, verifierId, purpose, now, expiresAt,
                Optional.empty(), recordedBy);
        tx.insertConsent(consent);
        tx.appendAudit(now, actor, "consent.record", Optional.of(residentCode), Optional.empty(),
                "consent " + consent.id() + " for verifier " + verifierId + " until " + expiresAt + " (" + recordedBy + ")");
        return consent;
    }

    private static JsonObject consentContent(byte[] content) {
        JsonObject json;
        try {
            json = new JsonObject(new String(content, StandardCharsets.UTF_8));
        } catch (DecodeException | ClassCastException e) {
            throw refused("the signed content is not a JSON object");
        }
        if (!json.fieldNames().equals(DOCUMENT_MEMBERS) || !DOCUMENT_MEMBERS.stream().allMatch(
                name -> json.getValue(name) instanceof String)) {
            throw refused("the signed content must be a JSON object with exactly the strings " + DOCUMENT_MEMBERS);
        }
        return json;
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw refused("expiresAt must be an ISO-8601 instant such as 2027-04-01T00:00:00Z");
        }
    }

    private static RefusedException refused(String detail) {
        return new RefusedException(Problem.INVALID_CONSENT_DOCUMENT, detail);
    }
}
