package jp.shomei.ca.store;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import jp.shomei.ca.audit.AuditCheckpoint;
import jp.shomei.ca.audit.AuditEntry;
import jp.shomei.ca.audit.ChainedAuditEntry;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.ca.certificate.AuthenticationMode;
import jp.shomei.ca.certificate.CertificateRecord;
import jp.shomei.ca.certificate.CertificateStatus;
import jp.shomei.ca.certificate.Device;
import jp.shomei.ca.certificate.PublicKeys;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import jp.shomei.ca.certificate.RevocationReason;
import jp.shomei.ca.certificate.Serials;
import jp.shomei.ca.events.StatusChange;
import jp.shomei.ca.linkage.Pairing;
import jp.shomei.ca.linkage.Succession;
import jp.shomei.ca.resident.Municipality;
import jp.shomei.ca.resident.Resident;
import jp.shomei.ca.verifier.Consent;
import jp.shomei.ca.verifier.Verifier;

/**
 * What can be read and written inside one {@link Store} transaction. Instances exist only inside
 * {@link Store#write} and {@link Store#read}.
 */
public final class StoreTransaction {

    private final MunicipalityRepository municipalities;
    private final ResidentRepository residents;
    private final CaCertificateRepository caCertificates;
    private final CertificateRepository certificates;
    private final StatusEventRepository statusEvents;
    private final AuditRecordRepository auditRecords;
    private final CounterRepository counters;
    private final OcspSignerRepository ocspSigners;
    private final CrlScopeStateRepository crlScopes;
    private final SuccessionRepository successions;
    private final PairingRepository pairings;
    private final VerifierRepository verifiers;
    private final VerifierCustomerRepository customers;
    private final ConsentRepository consents;
    private final AddressProtectionRepository addressProtections;
    private final AuditCheckpointRepository auditCheckpoints;
    private final Optional<Journal> journal;

    /** A transaction over these repositories; a writable one journals the status changes and audit entries it appends. */
    StoreTransaction(Repositories repositories, boolean writable) {
        this.municipalities = repositories.municipalities();
        this.residents = repositories.residents();
        this.caCertificates = repositories.caCertificates();
        this.certificates = repositories.certificates();
        this.statusEvents = repositories.statusEvents();
        this.auditRecords = repositories.auditRecords();
        this.counters = repositories.counters();
        this.ocspSigners = repositories.ocspSigners();
        this.crlScopes = repositories.crlScopes();
        this.successions = repositories.successions();
        this.pairings = repositories.pairings();
        this.verifiers = repositories.verifiers();
        this.customers = repositories.customers();
        this.consents = repositories.consents();
        this.addressProtections = repositories.addressProtections();
        this.auditCheckpoints = repositories.auditCheckpoints();
        this.journal = writable ? Optional.of(new Journal(counters, statusEvents, auditRecords)) : Optional.empty();
    }

    public Optional<Municipality> municipality(String code) {
        return municipalities.findById(code).map(MunicipalityRow::toMunicipality);
    }

    public List<Municipality> municipalities() {
        return municipalities.findAllOrderByCode().stream().map(MunicipalityRow::toMunicipality).toList();
    }

    /** Adds a municipality beyond those the migrations seed; the primary key refuses a known code. */
    public void insertMunicipality(Municipality municipality) {
        municipalities.save(new MunicipalityRow(municipality.code(), municipality.prefectureKanji(),
                municipality.nameKanji(), municipality.prefectureRomaji(), municipality.nameRomaji()));
    }

    /**
     * The resident, if registered. A code that is not eleven digits names nobody and is not sent to the
     * database, which could refuse it as text (PostgreSQL refuses a NUL character) instead of finding nothing.
     */
    public Optional<Resident> resident(String residentCode) {
        if (!Resident.isValidCode(residentCode)) {
            return Optional.empty();
        }
        return residents.findById(residentCode).map(ResidentRow::toResident);
    }

    /** The resident, locked against concurrent changes until this transaction ends; as {@link #resident}. */
    public Optional<Resident> lockResident(String residentCode) {
        if (!Resident.isValidCode(residentCode)) {
            return Optional.empty();
        }
        return residents.findByIdForUpdate(residentCode).map(ResidentRow::toResident);
    }

    public void insertResident(Resident resident, Instant at) {
        residents.save(ResidentRow.of(resident, at));
    }

    public void updateResident(Resident resident, Instant at) {
        residents.update(ResidentRow.of(resident, at));
    }

    public List<StoredCaCertificate> caCertificates() {
        return caCertificates.findAll().stream()
                .map(row -> new StoredCaCertificate(row.caKind(), row.generation(), row.keyLabel(),
                        row.der(), row.createdAt()))
                .toList();
    }

    public void insertCaCertificate(StoredCaCertificate ca, BigInteger serial) {
        caCertificates.save(new CaCertificateRow(Serials.toHex(serial), ca.kind(), ca.generation(), ca.keyLabel(),
                ca.der(), ca.createdAt()));
    }

    public Optional<CertificateRecord> certificate(BigInteger serial) {
        return certificates.findById(Serials.toHex(serial)).map(CertificateRow::toRecord);
    }

    /** The certificate, locked against concurrent transitions until this transaction ends. */
    public Optional<CertificateRecord> lockCertificate(BigInteger serial) {
        return certificates.findByIdForUpdate(Serials.toHex(serial)).map(CertificateRow::toRecord);
    }

    public List<CertificateRecord> certificatesOf(String residentCode) {
        return certificates.findByResidentCodeOrderByNotBefore(residentCode).stream()
                .map(CertificateRow::toRecord).toList();
    }

    /**
     * The serial of the resident's newest certificate of this kind on this device (a card has no
     * device id) that is live at the instant: not revoked, not expired. Only the serial is read, not
     * the row with its DER, as an issuance looks for the certificate to pair the new one with.
     */
    public Optional<BigInteger> liveCertificateOnDevice(String residentCode, CaKind kind, Device device,
                                                        Optional<String> deviceId, Instant at) {
        return certificates.findLiveSerialOnDevice(residentCode, kind.name(), device.name(), deviceId.orElse(""), at)
                .map(Serials::parseHex);
    }

    /** The phone certificates issued on the authority of this card certificate. */
    public List<CertificateRecord> phoneCertificatesOf(BigInteger cardSerial) {
        return certificates.findByCardSerial(Serials.toHex(cardSerial)).stream().map(CertificateRow::toRecord).toList();
    }

    /** Records an old-to-new link; the store refuses a second successor or predecessor for one certificate. */
    public void insertSuccession(Succession succession) {
        successions.save(SuccessionRow.of(succession));
    }

    /** The link from this certificate to the one that replaced it. */
    public Optional<Succession> successionFrom(BigInteger predecessor) {
        return successions.findById(Serials.toHex(predecessor)).map(SuccessionRow::toSuccession);
    }

    /** The link to this certificate from the one it replaced. */
    public Optional<Succession> successionTo(BigInteger successor) {
        return successions.findBySuccessorSerial(Serials.toHex(successor)).map(SuccessionRow::toSuccession);
    }

    public void insertPairing(Pairing pairing) {
        pairings.save(PairingRow.of(pairing));
    }

    /** The signing-to-authentication pairs this certificate is part of, newest first. */
    public List<Pairing> pairingsOf(BigInteger serial) {
        return pairings.findInvolving(Serials.toHex(serial)).stream().map(PairingRow::toPairing).toList();
    }

    /** Whether any certificate, of any resident, already certifies this key. */
    public boolean isCertified(SubjectPublicKeyInfo publicKey) {
        return certificates.existsByPublicKeySha256(PublicKeys.sha256Hex(publicKey));
    }

    /** Inserts a new certificate; the primary key on the serial refuses a duplicate. */
    public void insertCertificate(CertificateRecord certificate) {
        certificates.save(CertificateRow.of(certificate));
    }

    public void updateCertificate(CertificateRecord certificate) {
        certificates.update(CertificateRow.of(certificate));
    }

    /**
     * Appends a status change; it is numbered with the next gap-free sequence number when the
     * transaction's work is done (Journal), so it is not among the changes this transaction reads.
     */
    public void appendStatusChange(BigInteger serial, CaKind caKind, CertificateStatus status,
                                   Optional<RevocationReason> reason, Instant effectiveAt) {
        appendStatusChange(serial, caKind, status, reason, effectiveAt, AuthenticationMode.PIN);
    }

    /** Appends a status change that carries the certificate's authentication mode; as above. */
    public void appendStatusChange(BigInteger serial, CaKind caKind, CertificateStatus status,
                                   Optional<RevocationReason> reason, Instant effectiveAt, AuthenticationMode mode) {
        writableJournal().appendStatusChange(serial, caKind, status, reason, effectiveAt, mode);
    }

    public List<StatusChange> statusChangesOf(BigInteger serial) {
        return statusEvents.findBySerialOrderBySeq(Serials.toHex(serial)).stream()
                .map(StoreTransaction::toStatusChange).toList();
    }

    /** Status changes with a sequence greater than the given one, in sequence order. */
    public List<StatusChange> statusChangesAfter(long sequence, int limit) {
        return statusEvents.findAfter(sequence, limit).stream().map(StoreTransaction::toStatusChange).toList();
    }

    /**
     * Appends an audit entry; it is numbered with the next gap-free sequence number and chained to the
     * entry before it (docs/audit.md) when the transaction's work is done (Journal).
     */
    public void appendAudit(Instant at, String actor, String action, Optional<String> residentCode,
                            Optional<BigInteger> serial, String detail) {
        writableJournal().appendAudit(at, actor, action, residentCode, serial, detail);
    }

    /** Stored audit entries with a sequence greater than the given one, in sequence order. */
    public List<ChainedAuditEntry> auditEntriesAfter(long sequence, int limit) {
        return auditRecords.findAfter(sequence, limit).stream().map(StoreTransaction::toChainedEntry).toList();
    }

    /** The stored entries carrying this entry hash (one, unless rows were copied). */
    public List<ChainedAuditEntry> auditEntriesWithHash(String entryHash) {
        return auditRecords.findByEntryHashOrderBySeq(entryHash).stream().map(StoreTransaction::toChainedEntry).toList();
    }

    /** How many audit entries have been written, by the gap-free counter. */
    public long auditCount() {
        return counters.current(CounterRepository.AUDIT_RECORD);
    }

    /**
     * The newest audit entry, with the audit counter's row lock held until this transaction ends, so
     * that no entry can be appended behind it meanwhile.
     */
    public Optional<ChainedAuditEntry> lockAuditHead() {
        counters.lock(CounterRepository.AUDIT_RECORD);
        return auditRecords.findLast().map(StoreTransaction::toChainedEntry);
    }

    /** Records a checkpoint unless one for the same head sequence exists; true when recorded. */
    public boolean insertAuditCheckpoint(AuditCheckpoint checkpoint) {
        if (auditCheckpoints.existsById(checkpoint.sequence())) {
            return false;
        }
        auditCheckpoints.save(new AuditCheckpointRow(checkpoint.sequence(), checkpoint.headHash(), checkpoint.madeAt(),
                checkpoint.keyLabel(), checkpoint.signature()));
        return true;
    }

    public List<AuditCheckpoint> auditCheckpoints() {
        return auditCheckpoints.findAllOrderByAuditSeq().stream()
                .map(row -> new AuditCheckpoint(row.auditSeq(), row.headHash(), row.madeAt(), row.keyLabel(),
                        row.signature()))
                .toList();
    }

    public List<AuditEntry> auditOf(BigInteger serial) {
        return auditRecords.findBySerialOrderBySeq(Serials.toHex(serial)).stream()
                .map(StoreTransaction::toAuditEntry).toList();
    }

    public List<AuditEntry> auditOfResident(String residentCode) {
        return auditRecords.findByResidentCodeOrderBySeq(residentCode).stream()
                .map(StoreTransaction::toAuditEntry).toList();
    }

    /** The next value of the common-name sequence; may have gaps, never repeats. */
    public long nextCommonNameSequence() {
        return counters.nextCommonNameSequence();
    }

    public List<StoredOcspSigner> ocspSigners() {
        return ocspSigners.findAll().stream()
                .map(row -> new StoredOcspSigner(row.caKind(), row.caGeneration(), row.number(), row.keyLabel(),
                        row.der(), row.notAfter(), row.createdAt()))
                .toList();
    }

    /** Records a new delegated OCSP signer; a concurrent insert of the same number by another node is refused. */
    public void insertOcspSigner(StoredOcspSigner signer) {
        ocspSigners.save(new OcspSignerRow(signer.keyLabel(), signer.caKind(), signer.caGeneration(), signer.number(),
                signer.der(), signer.notAfter(), signer.createdAt()));
    }

    /** The sequence of the newest committed status change (0 before the first). */
    public long latestStatusSequence() {
        return counters.current(CounterRepository.STATUS_EVENT);
    }

    /**
     * The next CRL number of a scope such as "sign/131016", shared by its full and delta CRLs; holds the
     * scope's row lock until this transaction ends, so numbers never repeat across nodes.
     */
    public long nextCrlNumber(String scope) {
        if (crlScopes.incrementCrlNumber(scope) == 0) {
            crlScopes.save(new CrlScopeStateRow(scope, 1, null, null, null));
            return 1;
        }
        return crlScopes.lastCrlNumber(scope);
    }

    /** The newest full CRL published for the scope, which deltas build on. */
    public Optional<CrlBase> crlBase(String scope) {
        return crlScopes.findById(scope)
                .filter(row -> row.baseCrlNumber() != null)
                .map(row -> new CrlBase(row.baseCrlNumber(), row.baseSequence(), row.baseThisUpdate()));
    }

    /** Records a published full CRL as the scope's base, unless a newer one is already recorded. */
    public void recordCrlBase(String scope, CrlBase base) {
        crlScopes.updateBase(scope, base.crlNumber(), base.statusSequence(), base.thisUpdate());
    }

    public Optional<Verifier> verifier(String verifierId) {
        return verifiers.findById(verifierId).map(VerifierRow::toVerifier);
    }

    /** The verifier that authenticates with the client certificate of this SHA-256 fingerprint. */
    public Optional<Verifier> verifierByCertificate(String certificateSha256) {
        return verifiers.findByCertificateSha256(certificateSha256).map(VerifierRow::toVerifier);
    }

    public List<Verifier> verifiers() {
        return verifiers.findAllOrderByVerifierId().stream().map(VerifierRow::toVerifier).toList();
    }

    public void insertVerifier(Verifier verifier) {
        verifiers.save(VerifierRow.of(verifier));
    }

    public boolean isCustomer(String verifierId, BigInteger serial) {
        return customers.exists(verifierId, Serials.toHex(serial));
    }

    public void insertCustomer(String verifierId, BigInteger serial, Instant at) {
        customers.insert(verifierId, Serials.toHex(serial), at);
    }

    public void deleteCustomer(String verifierId, BigInteger serial) {
        customers.delete(verifierId, Serials.toHex(serial));
    }

    /** Status changes after a sequence, in order, of the verifier's customers whose kind its class sees. */
    public List<StatusChange> customerStatusChangesAfter(Verifier verifier, long sequence, int limit) {
        List<String> kinds = verifier.verifierClass().kinds().stream().map(Enum::name).toList();
        return customers.findChanges(verifier.id(), sequence, kinds.get(0), kinds.get(kinds.size() - 1), limit).stream()
                .map(StoreTransaction::toStatusChange).toList();
    }

    public Optional<Consent> consent(String consentId) {
        return consents.findById(consentId).map(ConsentRow::toConsent);
    }

    public List<Consent> consentsOf(String residentCode, String verifierId) {
        return consents.findByResidentCodeAndVerifierIdOrderByGivenAt(residentCode, verifierId).stream()
                .map(ConsentRow::toConsent).toList();
    }

    public void insertConsent(Consent consent) {
        consents.save(ConsentRow.of(consent));
    }

    public void updateConsent(Consent consent) {
        consents.update(ConsentRow.of(consent));
    }

    public boolean isAddressProtected(String residentCode) {
        return addressProtections.existsById(residentCode);
    }

    public void protectAddress(String residentCode, Instant since, String setBy) {
        addressProtections.save(new AddressProtectionRow(residentCode, since, setBy));
    }

    public void unprotectAddress(String residentCode) {
        addressProtections.deleteById(residentCode);
    }

    /** Numbers, chains and inserts the journalled entries: the last thing a write transaction does before it commits. */
    void writeJournal() {
        writableJournal().write();
    }

    private Journal writableJournal() {
        return journal.orElseThrow(() -> new IllegalStateException("a read-only transaction cannot append to the journal"));
    }

    private static StatusChange toStatusChange(StatusEventRow row) {
        return new StatusChange(row.seq(), Serials.parseHex(row.serial()), row.caKind(), row.status(),
                Optional.ofNullable(row.revocationReason()), row.effectiveAt(), row.authenticationMode());
    }

    private static ChainedAuditEntry toChainedEntry(AuditRecordRow row) {
        return new ChainedAuditEntry(toAuditEntry(row), row.previousHash(), row.entryHash());
    }

    private static AuditEntry toAuditEntry(AuditRecordRow row) {
        return new AuditEntry(row.seq(), row.recordedAt(), row.actor(), row.action(),
                Optional.ofNullable(row.residentCode()), Optional.ofNullable(row.serial()).map(Serials::parseHex),
                row.detail());
    }
}
