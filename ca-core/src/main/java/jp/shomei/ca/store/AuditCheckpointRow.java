package jp.shomei.ca.store;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

@MappedEntity("audit_checkpoint")
record AuditCheckpointRow(@Id long auditSeq, String headHash, Instant madeAt, String keyLabel, byte[] signature) {
}
