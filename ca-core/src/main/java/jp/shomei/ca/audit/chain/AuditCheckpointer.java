package jp.shomei.ca.audit.chain;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import jp.shomei.ca.audit.AuditCheckpoint;
import jp.shomei.ca.audit.AuditEncoding;
import jp.shomei.ca.audit.ChainedAuditEntry;
import jp.shomei.ca.store.Store;
import jp.shomei.keys.SigningKey;
import org.bouncycastle.operator.ContentSigner;

/** Signs the audit log's current head with the audit key and records it as a checkpoint. */
public final class AuditCheckpointer {

    private final Store store;
    private final SigningKey auditKey;
    private final Clock clock;

    public AuditCheckpointer(Store store, SigningKey auditKey, Clock clock) {
        this.store = store;
        this.auditKey = auditKey;
        this.clock = clock;
    }

    /**
     * Checkpoints the head unless it already is; empty when nothing changed since the last one. The
     * audit counter stays locked while signing, so the head cannot move under the signature.
     */
    public Optional<AuditCheckpoint> checkpoint() {
        return store.write(tx -> {
            Optional<ChainedAuditEntry> head = tx.lockAuditHead();
            long sequence = head.map(ChainedAuditEntry::sequence).orElse(0L);
            String headHash = head.map(ChainedAuditEntry::entryHash).orElse(AuditEncoding.GENESIS_HASH);
            Instant madeAt = AuditEncoding.storedPrecision(clock.instant());
            byte[] signedBytes = AuditEncoding.checkpointEncoding(sequence, headHash, madeAt, auditKey.label());
            AuditCheckpoint checkpoint = new AuditCheckpoint(sequence, headHash, madeAt, auditKey.label(), sign(signedBytes));
            return tx.insertAuditCheckpoint(checkpoint) ? Optional.of(checkpoint) : Optional.empty();
        });
    }

    private byte[] sign(byte[] data) {
        ContentSigner signer = auditKey.sha256WithRsa();
        try (OutputStream out = signer.getOutputStream()) {
            out.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException("could not feed the audit key's signer", e);
        }
        return signer.getSignature();
    }
}
