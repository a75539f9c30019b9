package jp.shomei.ca.audit.chain;

/** The first thing wrong with an audit log, naming the entry or checkpoint concerned. */
public record AuditFinding(Kind kind, long sequence, String message) {

    public enum Kind {
        /** An entry's stored fields no longer hash to its stored hash. */
        MODIFIED,
        /** An entry is missing: a gap in the numbering, or the chain points at an entry no longer there. */
        REMOVED,
        /** An entry that the chain does not contain. */
        INSERTED,
        /** An entry stands at another place than the one it was written at. */
        REORDERED,
        /** A checkpoint whose signature does not verify with the audit key. */
        CHECKPOINT_SIGNATURE,
        /** A checkpoint whose head hash is not the hash of the entry it names. */
        CHECKPOINT_HEAD
    }

    @Override
    public String toString() {
        return kind + ": " + message;
    }
}
