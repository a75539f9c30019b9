package jp.shomei.ca.store;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jp.shomei.ca.audit.AuditEncoding;
import jp.shomei.ca.audit.AuditEntry;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.ca.certificate.AuthenticationMode;
import jp.shomei.ca.certificate.CertificateStatus;
import jp.shomei.ca.certificate.RevocationReason;
import jp.shomei.ca.certificate.Serials;

/**
 * The status changes and audit entries one write transaction appends, numbered from the gap-free
 * counters and chained only when the transaction's work is done, just before it commits.
 *
 * <p>Taking a counter locks its row until commit, and every writer needs both counters. Taken at the
 * first append, they would make whole transactions wait on each other (a population batch of
 * hundreds of residents holds one open for seconds); taken at the end, only the numbering and the
 * commit do. Entries keep the order in which the transaction appended them, numbers still become
 * visible in order, and the status-event counter is always taken before the audit counter, so two
 * transactions never wait on each other's counter.
 */
final class Journal {

    private record PendingStatusChange(BigInteger serial, CaKind caKind, CertificateStatus status,
                                       Optional<RevocationReason> reason, Instant effectiveAt,
                                       AuthenticationMode mode) {

        StatusEventRow numbered(long sequence) {
            return new StatusEventRow(sequence, Serials.toHex(serial), caKind, status, reason.orElse(null),
                    effectiveAt, mode);
        }
    }

    private record PendingAuditEntry(Instant at, String actor, String action, Optional<String> residentCode,
                                     Optional<BigInteger> serial, String detail) {

        AuditEntry numbered(long sequence) {
            return new AuditEntry(sequence, AuditEncoding.storedPrecision(at), actor, action, residentCode, serial,
                    detail);
        }
    }

    private final CounterRepository counters;
    private final StatusEventRepository statusEvents;
    private final AuditRecordRepository auditRecords;
    private final List<PendingStatusChange> statusChanges = new ArrayList<>();
    private final List<PendingAuditEntry> auditEntries = new ArrayList<>();

    Journal(CounterRepository counters, StatusEventRepository statusEvents, AuditRecordRepository auditRecords) {
        this.counters = counters;
        this.statusEvents = statusEvents;
        this.auditRecords = auditRecords;
    }

    void appendStatusChange(BigInteger serial, CaKind caKind, CertificateStatus status,
                            Optional<RevocationReason> reason, Instant effectiveAt, AuthenticationMode mode) {
        statusChanges.add(new PendingStatusChange(serial, caKind, status, reason, effectiveAt, mode));
    }

    void appendAudit(Instant at, String actor, String action, Optional<String> residentCode,
                     Optional<BigInteger> serial, String detail) {
        auditEntries.add(new PendingAuditEntry(at, actor, action, residentCode, serial, detail));
    }

    /** Numbers, chains and inserts what was appended; the counters' row locks are held until commit. */
    void write() {
        if (!statusChanges.isEmpty()) {
            long sequence = take(CounterRepository.STATUS_EVENT, statusChanges.size());
            List<StatusEventRow> rows = new ArrayList<>(statusChanges.size());
            for (PendingStatusChange change : statusChanges) {
                rows.add(change.numbered(sequence++));
            }
            statusEvents.saveAll(rows);
            statusChanges.clear();
        }
        if (!auditEntries.isEmpty()) {
            long sequence = take(CounterRepository.AUDIT_RECORD, auditEntries.size());
            // The counter's row lock means the entry before the first is committed, so its hash is final.
            String previousHash = previousHash(sequence);
            List<AuditRecordRow> rows = new ArrayList<>(auditEntries.size());
            for (PendingAuditEntry pending : auditEntries) {
                AuditEntry entry = pending.numbered(sequence++);
                String entryHash = AuditEncoding.entryHash(entry, previousHash);
                rows.add(new AuditRecordRow(entry.sequence(), entry.recordedAt(), entry.actor(), entry.action(),
                        entry.residentCode().orElse(null), entry.serial().map(Serials::toHex).orElse(null),
                        entry.detail(), previousHash, entryHash));
                previousHash = entryHash;
            }
            auditRecords.saveAll(rows);
            auditEntries.clear();
        }
    }

    /** Advances the counter by count, locking its row until commit; returns the first number taken. */
    private long take(String counter, int count) {
        counters.advance(counter, count);
        return counters.current(counter) - count + 1;
    }

    private String previousHash(long sequence) {
        return sequence == 1 ? AuditEncoding.GENESIS_HASH : auditRecords.findById(sequence - 1)
                .map(AuditRecordRow::entryHash)
                .orElseThrow(() -> new IllegalStateException("audit entry " + (sequence - 1)
                        + " is missing, so the log cannot be extended; run shomei audit verify"));
    }
}
