package jp.shomei.ca.store;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface VerifierRepository extends GenericRepository<VerifierRow, String> {

    Optional<VerifierRow> findById(String verifierId);

    Optional<VerifierRow> findByCertificateSha256(String certificateSha256);

    List<VerifierRow> findAllOrderByVerifierId();

    VerifierRow save(VerifierRow row);
}
