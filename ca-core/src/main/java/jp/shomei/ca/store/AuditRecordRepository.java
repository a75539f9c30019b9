package jp.shomei.ca.store;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface AuditRecordRepository extends GenericRepository<AuditRecordRow, Long> {

    List<AuditRecordRow> saveAll(Iterable<AuditRecordRow> rows);

    Optional<AuditRecordRow> findById(long seq);

    List<AuditRecordRow> findBySerialOrderBySeq(String serial);

    List<AuditRecordRow> findByResidentCodeOrderBySeq(String residentCode);

    List<AuditRecordRow> findByEntryHashOrderBySeq(String entryHash);

    @Query("SELECT * FROM audit_record WHERE seq > :afterSeq ORDER BY seq LIMIT :limit")
    List<AuditRecordRow> findAfter(long afterSeq, int limit);

    @Query("SELECT * FROM audit_record ORDER BY seq DESC LIMIT 1")
    Optional<AuditRecordRow> findLast();
}
