package jp.shomei.ca.audit;

import java.time.Instant;

/**
 * A signed statement that the audit log held {@code sequence} entries ending in {@code headHash} at
 * {@code madeAt}: anyone rewriting the log afterwards would have to forge this signature too.
 * The signature is sha256WithRSAEncryption over {@link AuditEncoding#checkpointEncoding}.
 */
public record AuditCheckpoint(long sequence, String headHash, Instant madeAt, String keyLabel, byte[] signature) {

    public byte[] signedBytes() {
        return AuditEncoding.checkpointEncoding(sequence, headHash, madeAt, keyLabel);
    }
}
