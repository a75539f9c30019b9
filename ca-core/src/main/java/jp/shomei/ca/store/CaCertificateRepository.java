package jp.shomei.ca.store;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface CaCertificateRepository extends GenericRepository<CaCertificateRow, String> {

    List<CaCertificateRow> findAll();

    CaCertificateRow save(CaCertificateRow row);
}
