package jp.shomei.ca.store;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface VerifierCustomerRepository extends GenericRepository<VerifierCustomerRow, VerifierCustomerRow.Key> {

    boolean existsById(VerifierCustomerRow.Key key);

    VerifierCustomerRow save(VerifierCustomerRow row);

    void deleteById(VerifierCustomerRow.Key key);

    /** Status changes after a sequence of the verifier's customers of the given kinds (twice the same kind for one). */
    @Query("SELECT e.* FROM status_event e JOIN verifier_customer c ON c.serial = e.serial"
            + " WHERE c.verifier_id = :verifierId AND e.seq > :afterSeq AND (e.ca_kind = :kind OR e.ca_kind = :otherKind)"
            + " ORDER BY e.seq LIMIT :limit")
    List<StatusEventRow> findChanges(String verifierId, long afterSeq, String kind, String otherKind, int limit);
}
