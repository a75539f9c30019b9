package jp.shomei.ca.store;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface PairingRepository extends GenericRepository<PairingRow, String> {

    PairingRow save(PairingRow row);

    @Query("SELECT * FROM certificate_pairing WHERE signing_serial = :serial OR authentication_serial = :serial"
            + " ORDER BY linked_at DESC, signing_serial DESC")
    List<PairingRow> findInvolving(String serial);
}
