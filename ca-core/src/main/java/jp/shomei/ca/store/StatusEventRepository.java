package jp.shomei.ca.store;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface StatusEventRepository extends GenericRepository<StatusEventRow, Long> {

    List<StatusEventRow> saveAll(Iterable<StatusEventRow> rows);

    List<StatusEventRow> findBySerialOrderBySeq(String serial);

    @Query("SELECT * FROM status_event WHERE seq > :afterSeq ORDER BY seq LIMIT :limit")
    List<StatusEventRow> findAfter(long afterSeq, int limit);
}
