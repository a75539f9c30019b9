package jp.shomei.ca.audit.chain;

import java.util.Optional;

/**
 * The outcome of walking the audit log: how much was checked and the first problem, if any.
 * {@code unsignedTail} counts the entries after the newest checkpoint, which only the chain protects.
 */
public record AuditVerdict(long entries, int checkpoints, long unsignedTail, Optional<AuditFinding> firstProblem) {

    public boolean intact() {
        return firstProblem.isEmpty();
    }
}
