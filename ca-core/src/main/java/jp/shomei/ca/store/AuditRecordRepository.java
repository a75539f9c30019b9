package jp.shomei.ca.store;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface AuditRecordRepository extends GenericRepository<AuditRecordRow, Long> {

    AuditRecordRow save(AuditRecordRow row);

    List<AuditRecordRow> findBySerialOrderBySeq(String serial);

    List<AuditRecordRow> findByResidentCodeOrderBySeq(String residentCode);
}
