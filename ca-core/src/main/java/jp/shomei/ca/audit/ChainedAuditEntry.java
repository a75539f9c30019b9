package jp.shomei.ca.audit;

/** An audit entry as stored: its fields, the hash of the entry before it and its own hash. */
public record ChainedAuditEntry(AuditEntry entry, String previousHash, String entryHash) {

    /** Whether the stored hash is the hash of the stored fields and stored previous hash. */
    public boolean hashMatchesContents() {
        return hashMatchesAt(entry.sequence());
    }

    /** Whether the stored hash would match had the entry been stored under this sequence number. */
    public boolean hashMatchesAt(long sequence) {
        AuditEntry moved = new AuditEntry(sequence, entry.recordedAt(), entry.actor(), entry.action(),
                entry.residentCode(), entry.serial(), entry.detail());
        return AuditEncoding.entryHash(moved, previousHash).equals(entryHash);
    }

    public long sequence() {
        return entry.sequence();
    }
}
