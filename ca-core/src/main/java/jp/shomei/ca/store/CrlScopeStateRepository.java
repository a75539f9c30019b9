package jp.shomei.ca.store;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.Optional;

/** CRL numbers and full-CRL bases per scope; see V3__crl.sql. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface CrlScopeStateRepository extends GenericRepository<CrlScopeStateRow, String> {

    Optional<CrlScopeStateRow> findById(String scope);

    CrlScopeStateRow save(CrlScopeStateRow row);

    /** Takes the row lock, so concurrent publishers get distinct numbers in commit order. */
    @Query("UPDATE crl_scope_state SET last_crl_number = last_crl_number + 1 WHERE scope = :scope")
    long incrementCrlNumber(String scope);

    @Query("SELECT last_crl_number FROM crl_scope_state WHERE scope = :scope")
    long lastCrlNumber(String scope);

    @Query("UPDATE crl_scope_state SET base_crl_number = :crlNumber, base_sequence = :sequence,"
            + " base_this_update = :thisUpdate WHERE scope = :scope AND (base_crl_number IS NULL OR base_crl_number < :crlNumber)")
    long updateBase(String scope, long crlNumber, long sequence, Instant thisUpdate);
}
