package jp.shomei.ca.store;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;

/** Rows of verifier_customer are addressed by their two-column key, so every statement is written out. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface VerifierCustomerRepository extends GenericRepository<VerifierCustomerRow, VerifierCustomerRow.Key> {

    @Query("SELECT COUNT(*) > 0 FROM verifier_customer WHERE verifier_id = :verifierId AND serial = :serial")
    boolean exists(String verifierId, String serial);

    @Query("INSERT INTO verifier_customer (verifier_id, serial, registered_at) VALUES (:verifierId, :serial, :registeredAt)")
    void insert(String verifierId, String serial, Instant registeredAt);

    @Query("DELETE FROM verifier_customer WHERE verifier_id = :verifierId AND serial = :serial")
    void delete(String verifierId, String serial);

    /** Status changes after a sequence of the verifier's customers of the given kinds (twice the same kind for one). */
    @Query("SELECT e.* FROM status_event e JOIN verifier_customer c ON c.serial = e.serial"
            + " WHERE c.verifier_id = :verifierId AND e.seq > :afterSeq AND (e.ca_kind = :kind OR e.ca_kind = :otherKind)"
            + " ORDER BY e.seq LIMIT :limit")
    List<StatusEventRow> findChanges(String verifierId, long afterSeq, String kind, String otherKind, int limit);
}
