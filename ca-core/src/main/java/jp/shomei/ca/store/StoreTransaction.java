package jp.shomei.ca.store;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import jp.shomei.ca.audit.AuditEntry;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.ca.certificate.CertificateRecord;
import jp.shomei.ca.certificate.CertificateStatus;
import jp.shomei.ca.certificate.PublicKeys;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import jp.shomei.ca.certificate.RevocationReason;
import jp.shomei.ca.certificate.Serials;
import jp.shomei.ca.events.StatusChange;
import jp.shomei.ca.resident.Municipality;
import jp.shomei.ca.resident.Resident;

/**
 * What can be read and written inside one {@link Store} transaction. Instances exist only inside
 * {@link Store#write} and {@link Store#read}.
 */
public final class StoreTransaction {

    private static final String STATUS_EVENT_COUNTER = "status_event";
    private static final String AUDIT_RECORD_COUNTER = "audit_record";

    private final MunicipalityRepository municipalities;
    private final ResidentRepository residents;
    private final CaCertificateRepository caCertificates;
    private final CertificateRepository certificates;
    private final StatusEventRepository statusEvents;
    private final AuditRecordRepository auditRecords;
    private final CounterRepository counters;
    private final OcspSignerRepository ocspSigners;
    private final CrlScopeStateRepository crlScopes;

    StoreTransaction(MunicipalityRepository municipalities, ResidentRepository residents,
                     CaCertificateRepository caCertificates, CertificateRepository certificates,
                     StatusEventRepository statusEvents, AuditRecordRepository auditRecords,
                     CounterRepository counters, OcspSignerRepository ocspSigners,
                     CrlScopeStateRepository crlScopes) {
        this.municipalities = municipalities;
        this.residents = residents;
        this.caCertificates = caCertificates;
        this.certificates = certificates;
        this.statusEvents = statusEvents;
        this.auditRecords = auditRecords;
        this.counters = counters;
        this.ocspSigners = ocspSigners;
        this.crlScopes = crlScopes;
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

    public Optional<Resident> resident(String residentCode) {
        return residents.findById(residentCode).map(ResidentRow::toResident);
    }

    /** The resident, locked against concurrent changes until this transaction ends. */
    public Optional<Resident> lockResident(String residentCode) {
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

    /** Appends a status change with the next gap-free sequence number. */
    public StatusChange appendStatusChange(BigInteger serial, CaKind caKind, CertificateStatus status,
                                           Optional<RevocationReason> reason, Instant effectiveAt) {
        long sequence = nextGapless(STATUS_EVENT_COUNTER);
        statusEvents.save(new StatusEventRow(sequence, Serials.toHex(serial), caKind, status, reason.orElse(null),
                effectiveAt));
        return new StatusChange(sequence, serial, caKind, status, reason, effectiveAt);
    }

    public List<StatusChange> statusChangesOf(BigInteger serial) {
        return statusEvents.findBySerialOrderBySeq(Serials.toHex(serial)).stream()
                .map(StoreTransaction::toStatusChange).toList();
    }

    /** Status changes with a sequence greater than the given one, in sequence order. */
    public List<StatusChange> statusChangesAfter(long sequence, int limit) {
        return statusEvents.findAfter(sequence, limit).stream().map(StoreTransaction::toStatusChange).toList();
    }

    /** Appends an audit entry with the next gap-free sequence number. */
    public AuditEntry appendAudit(Instant at, String actor, String action, Optional<String> residentCode,
                                  Optional<BigInteger> serial, String detail) {
        long sequence = nextGapless(AUDIT_RECORD_COUNTER);
        auditRecords.save(new AuditRecordRow(sequence, at, actor, action, residentCode.orElse(null),
                serial.map(Serials::toHex).orElse(null), detail));
        return new AuditEntry(sequence, at, actor, action, residentCode, serial, detail);
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
        return counters.current(STATUS_EVENT_COUNTER);
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

    private long nextGapless(String counter) {
        counters.increment(counter);
        return counters.current(counter);
    }

    private static StatusChange toStatusChange(StatusEventRow row) {
        return new StatusChange(row.seq(), Serials.parseHex(row.serial()), row.caKind(), row.status(),
                Optional.ofNullable(row.revocationReason()), row.effectiveAt());
    }

    private static AuditEntry toAuditEntry(AuditRecordRow row) {
        return new AuditEntry(row.seq(), row.recordedAt(), row.actor(), row.action(),
                Optional.ofNullable(row.residentCode()), Optional.ofNullable(row.serial()).map(Serials::parseHex),
                row.detail());
    }
}
