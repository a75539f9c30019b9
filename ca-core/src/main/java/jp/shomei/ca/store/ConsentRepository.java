package jp.shomei.ca.store;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface ConsentRepository extends GenericRepository<ConsentRow, String> {

    Optional<ConsentRow> findById(String consentId);

    List<ConsentRow> findByResidentCodeAndVerifierIdOrderByGivenAt(String residentCode, String verifierId);

    ConsentRow save(ConsentRow row);

    ConsentRow update(ConsentRow row);
}
