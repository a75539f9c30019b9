package jp.shomei.ca.store;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface CertificateRepository extends GenericRepository<CertificateRow, String> {

    Optional<CertificateRow> findById(String serial);

    @Query("SELECT * FROM certificate WHERE serial = :serial FOR UPDATE")
    Optional<CertificateRow> findByIdForUpdate(String serial);

    List<CertificateRow> findByResidentCodeOrderByNotBefore(String residentCode);

    List<CertificateRow> findByCardSerial(String cardSerial);

    /** See {@link StoreTransaction#liveCertificateOnDevice}; a card certificate's device_id is null, matched as ''. */
    @Query("SELECT serial FROM certificate WHERE resident_code = :residentCode AND ca_kind = :caKind"
            + " AND device = :device AND COALESCE(device_id, '') = :deviceId AND status <> 'REVOKED'"
            + " AND not_after >= :at ORDER BY not_before DESC LIMIT 1")
    Optional<String> findLiveSerialOnDevice(String residentCode, String caKind, String device, String deviceId,
                                            Instant at);

    boolean existsByPublicKeySha256(String publicKeySha256);

    CertificateRow save(CertificateRow row);

    CertificateRow update(CertificateRow row);
}
