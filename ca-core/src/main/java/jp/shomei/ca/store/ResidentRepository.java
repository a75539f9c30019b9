package jp.shomei.ca.store;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface ResidentRepository extends GenericRepository<ResidentRow, String> {

    Optional<ResidentRow> findById(String residentCode);

    /** Locks the resident until the transaction ends, so two changes to one resident run one after the other. */
    @Query("SELECT * FROM resident WHERE resident_code = :residentCode FOR UPDATE")
    Optional<ResidentRow> findByIdForUpdate(String residentCode);

    ResidentRow save(ResidentRow row);

    ResidentRow update(ResidentRow row);
}
