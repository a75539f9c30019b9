package jp.shomei.ca.audit.chain;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import jp.shomei.ca.audit.AuditCheckpoint;
import jp.shomei.ca.audit.AuditEncoding;
import jp.shomei.ca.audit.ChainedAuditEntry;
import jp.shomei.ca.store.Store;

/**
 * Walks the audit log in sequence order and checks every entry's hash, every link to the entry before
 * it, the numbering against the gap-free counter, and then every checkpoint's signature and head; it
 * stops at the first problem and says what kind it is (docs/audit.md explains how each is told apart).
 */
public final class AuditChainVerifier {

    private static final int PAGE = 1000;
    /** How far back a moved entry's original place is traced through the chain. */
    private static final int MAX_TRACE = 64;

    private final Store store;
    private final PublicKey auditKey;

    public AuditChainVerifier(Store store, PublicKey auditKey) {
        this.store = store;
        this.auditKey = auditKey;
    }

    public AuditVerdict verify() {
        long countAtStart = store.read(tx -> tx.auditCount());
        Entries entries = new Entries();
        ChainedAuditEntry previous = null;
        long checked = 0;
        for (ChainedAuditEntry current = entries.next(); current != null; current = entries.next()) {
            Optional<AuditFinding> problem = check(previous, current, entries.peek(), countAtStart);
            if (problem.isPresent()) {
                return new AuditVerdict(checked, 0, 0, problem);
            }
            previous = current;
            checked++;
        }
        long lastSequence = previous == null ? 0 : previous.sequence();
        if (countAtStart > lastSequence) {
            return new AuditVerdict(checked, 0, 0, Optional.of(new AuditFinding(AuditFinding.Kind.REMOVED, lastSequence + 1,
                    "entry " + (lastSequence + 1) + " removed: the audit counter records " + countAtStart
                            + " entries but the log ends at entry " + lastSequence)));
        }
        return checkpoints(checked, lastSequence);
    }

    private Optional<AuditFinding> check(ChainedAuditEntry previous, ChainedAuditEntry current, ChainedAuditEntry next,
                                         long countAtStart) {
        long expected = previous == null ? 1 : previous.sequence() + 1;
        String expectedLink = previous == null ? AuditEncoding.GENESIS_HASH : previous.entryHash();
        long sequence = current.sequence();
        if (sequence > expected) {
            return finding(AuditFinding.Kind.REMOVED, expected, (sequence == expected + 1 ? "entry " + expected
                    : "entries " + expected + " to " + (sequence - 1)) + " removed: the log goes from "
                    + (previous == null ? "its start" : "entry " + previous.sequence()) + " to entry " + sequence);
        }
        // Entries appended while the walk runs are legitimate: only the counter's current value decides.
        if (sequence < expected || sequence > countAtStart && sequence > store.read(tx -> tx.auditCount())) {
            return finding(AuditFinding.Kind.INSERTED, sequence, "entry " + sequence
                    + " inserted: its number was never given out by the audit counter");
        }
        if (!current.hashMatchesContents()) {
            return contentMismatch(previous, expectedLink, current, next);
        }
        if (!current.previousHash().equals(expectedLink)) {
            return brokenLink(previous, current);
        }
        return Optional.empty();
    }

    /** The entry's hash does not fit its fields at this place: moved, inserted or edited. */
    private Optional<AuditFinding> contentMismatch(ChainedAuditEntry previous, String expectedLink,
                                                   ChainedAuditEntry current, ChainedAuditEntry next) {
        long sequence = current.sequence();
        Optional<Long> writtenAs = originalSequence(current, MAX_TRACE);
        if (writtenAs.isPresent() && writtenAs.get() < sequence && previous != null
                && !previous.entryHash().equals(current.previousHash())) {
            return finding(AuditFinding.Kind.INSERTED, previous.sequence(), "entry " + previous.sequence()
                    + " inserted: the chain skips it, entry " + sequence + " was written as entry " + writtenAs.get()
                    + " and follows entry " + (writtenAs.get() - 1));
        }
        if (writtenAs.isPresent() && writtenAs.get() != sequence) {
            return finding(AuditFinding.Kind.REORDERED, sequence, "entry " + sequence + " reordered: the entry at "
                    + sequence + " was written as entry " + writtenAs.get());
        }
        if (next != null && next.previousHash().equals(expectedLink)) {
            return finding(AuditFinding.Kind.INSERTED, sequence, "entry " + sequence
                    + " inserted: it is not in the chain, entry " + next.sequence() + " follows "
                    + (previous == null ? "the start" : "entry " + previous.sequence()));
        }
        return finding(AuditFinding.Kind.MODIFIED, sequence, "entry " + sequence
                + " modified: its stored hash does not match its contents");
    }

    /** The entry is intact but does not follow the entry before it. */
    private Optional<AuditFinding> brokenLink(ChainedAuditEntry previous, ChainedAuditEntry current) {
        long sequence = current.sequence();
        Optional<ChainedAuditEntry> predecessor = predecessorOf(current);
        if (predecessor.isPresent() && previous != null && predecessor.get().sequence() < previous.sequence()) {
            long inserted = predecessor.get().sequence() + 1;
            return finding(AuditFinding.Kind.INSERTED, inserted, "entry " + inserted + " inserted: entry " + sequence
                    + " follows entry " + predecessor.get().sequence() + " in the chain");
        }
        if (predecessor.isPresent()) {
            return finding(AuditFinding.Kind.REORDERED, sequence, "entry " + sequence + " reordered: it follows entry "
                    + predecessor.get().sequence() + " in the chain, not "
                    + (previous == null ? "the start" : "entry " + previous.sequence()));
        }
        return finding(AuditFinding.Kind.REMOVED, sequence - 1, "entry " + (sequence - 1) + " removed: entry "
                + sequence + " follows an entry that is no longer in the log");
    }

    /**
     * The sequence number an entry was written under, found by following its chain back to an entry
     * that sits where it was written; empty if the chain cannot tell.
     */
    private Optional<Long> originalSequence(ChainedAuditEntry entry, int depth) {
        if (entry.hashMatchesContents()) {
            return Optional.of(entry.sequence());
        }
        if (depth == 0) {
            return Optional.empty();
        }
        Optional<Long> predecessorSequence = entry.previousHash().equals(AuditEncoding.GENESIS_HASH) ? Optional.of(0L)
                : predecessorOf(entry).flatMap(predecessor -> originalSequence(predecessor, depth - 1));
        return predecessorSequence.map(p -> p + 1).filter(entry::hashMatchesAt);
    }

    private Optional<ChainedAuditEntry> predecessorOf(ChainedAuditEntry entry) {
        return store.read(tx -> tx.auditEntriesWithHash(entry.previousHash())).stream()
                .filter(candidate -> candidate.sequence() != entry.sequence())
                .findFirst();
    }

    private AuditVerdict checkpoints(long entries, long lastSequence) {
        List<AuditCheckpoint> checkpoints = store.read(tx -> tx.auditCheckpoints());
        for (AuditCheckpoint checkpoint : checkpoints) {
            String named = "checkpoint at entry " + checkpoint.sequence() + " (made " + checkpoint.madeAt() + ")";
            if (!signatureVerifies(checkpoint)) {
                return new AuditVerdict(entries, checkpoints.size(), 0, finding(AuditFinding.Kind.CHECKPOINT_SIGNATURE,
                        checkpoint.sequence(), named + ": its signature does not verify with the audit key"));
            }
            Optional<String> headHash = checkpoint.sequence() == 0 ? Optional.of(AuditEncoding.GENESIS_HASH)
                    : store.read(tx -> tx.auditEntriesAfter(checkpoint.sequence() - 1, 1)).stream()
                            .filter(entry -> entry.sequence() == checkpoint.sequence())
                            .map(ChainedAuditEntry::entryHash)
                            .findFirst();
            if (headHash.isEmpty()) {
                return new AuditVerdict(entries, checkpoints.size(), 0, finding(AuditFinding.Kind.CHECKPOINT_HEAD,
                        checkpoint.sequence(), named + ": entry " + checkpoint.sequence() + " is not in the log"));
            }
            if (!headHash.get().equals(checkpoint.headHash())) {
                return new AuditVerdict(entries, checkpoints.size(), 0, finding(AuditFinding.Kind.CHECKPOINT_HEAD,
                        checkpoint.sequence(), named + ": its head hash " + checkpoint.headHash()
                                + " is not the hash of entry " + checkpoint.sequence() + " (" + headHash.get()
                                + "): the log was rewritten up to there"));
            }
        }
        long signedUpTo = checkpoints.isEmpty() ? 0 : checkpoints.get(checkpoints.size() - 1).sequence();
        return new AuditVerdict(entries, checkpoints.size(), lastSequence - signedUpTo, Optional.empty());
    }

    private boolean signatureVerifies(AuditCheckpoint checkpoint) {
        try {
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(auditKey);
            verifier.update(checkpoint.signedBytes());
            return verifier.verify(checkpoint.signature());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static Optional<AuditFinding> finding(AuditFinding.Kind kind, long sequence, String message) {
        return Optional.of(new AuditFinding(kind, sequence, message));
    }

    /** The log in sequence order, a page at a time, with one entry of look-ahead. */
    private final class Entries {

        private final Deque<ChainedAuditEntry> buffered = new ArrayDeque<>();
        private long lastRead = Long.MIN_VALUE;
        private boolean exhausted;

        ChainedAuditEntry next() {
            fill();
            return buffered.pollFirst();
        }

        ChainedAuditEntry peek() {
            fill();
            return buffered.peekFirst();
        }

        private void fill() {
            if (!buffered.isEmpty() || exhausted) {
                return;
            }
            List<ChainedAuditEntry> page = store.read(tx -> tx.auditEntriesAfter(lastRead, PAGE));
            buffered.addAll(page);
            exhausted = page.size() < PAGE;
            if (!page.isEmpty()) {
                lastRead = page.get(page.size() - 1).sequence();
            }
        }
    }
}
