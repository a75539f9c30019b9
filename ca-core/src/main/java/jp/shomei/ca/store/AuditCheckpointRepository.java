package jp.shomei.ca.store;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;

/** Signed audit checkpoints; see V5__AuditChain. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface AuditCheckpointRepository extends GenericRepository<AuditCheckpointRow, Long> {

    AuditCheckpointRow save(AuditCheckpointRow row);

    boolean existsById(long auditSeq);

    List<AuditCheckpointRow> findAllOrderByAuditSeq();
}
