package jp.shomei.ca.store;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface OcspSignerRepository extends GenericRepository<OcspSignerRow, String> {

    List<OcspSignerRow> findAll();

    OcspSignerRow save(OcspSignerRow row);
}
