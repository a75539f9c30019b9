package jp.shomei.ca.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

@MappedEntity("audit_record")
record AuditRecordRow(@Id long seq, Instant recordedAt, String actor, String action,
                      @Nullable String residentCode, @Nullable String serial, String detail,
                      String previousHash, String entryHash) {
}
