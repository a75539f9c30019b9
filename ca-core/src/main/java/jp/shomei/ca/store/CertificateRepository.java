package jp.shomei.ca.store;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface CertificateRepository extends GenericRepository<CertificateRow, String> {

    Optional<CertificateRow> findById(String serial);

    @Query("SELECT * FROM certificate WHERE serial = :serial FOR UPDATE")
    Optional<CertificateRow> findByIdForUpdate(String serial);

    List<CertificateRow> findByResidentCodeOrderByNotBefore(String residentCode);

    List<CertificateRow> findByCardSerial(String cardSerial);

    boolean existsByPublicKeySha256(String publicKeySha256);

    CertificateRow save(CertificateRow row);

    CertificateRow update(CertificateRow row);
}
