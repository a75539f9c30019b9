package jp.shomei.ca.store;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface SuccessionRepository extends GenericRepository<SuccessionRow, String> {

    SuccessionRow save(SuccessionRow row);

    Optional<SuccessionRow> findById(String predecessorSerial);

    Optional<SuccessionRow> findBySuccessorSerial(String successorSerial);
}
