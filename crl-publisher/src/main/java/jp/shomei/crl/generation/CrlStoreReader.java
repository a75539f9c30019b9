package jp.shomei.crl.generation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.ca.certificate.CertificateStatus;
import jp.shomei.ca.certificate.RevocationReason;
import jp.shomei.ca.certificate.Serials;
import jp.shomei.crl.encoding.RevokedEntry;

/**
 * Reads what CRLs list straight from the certificate and status_event tables with plain JDBC: a
 * partition can hold millions of revoked certificates, and the repositories would load them all. A
 * fetch size inside a transaction makes PostgreSQL stream them through a cursor.
 */
final class CrlStoreReader {

    private static final int FETCH_SIZE = 10_000;

    private static final String REVOKED_IN_PARTITION = "SELECT serial, status, revocation_reason, status_changed_at"
            + " FROM certificate WHERE ca_kind = ? AND crl_partition = ? AND status IN ('REVOKED', 'ON_HOLD')"
            + " AND not_after >= ? ORDER BY serial";

    private static final String CHANGED_AFTER = "SELECT c.serial, c.crl_partition, c.status, c.revocation_reason,"
            + " c.status_changed_at, m.last_seq,"
            + " EXISTS (SELECT 1 FROM status_event h WHERE h.serial = c.serial AND h.status = 'ON_HOLD') AS ever_held"
            + " FROM (SELECT serial, MAX(seq) AS last_seq FROM status_event WHERE ca_kind = ? AND seq > ?"
            + " GROUP BY serial) m JOIN certificate c ON c.serial = m.serial ORDER BY c.serial";

    private final DataSource dataSource;

    CrlStoreReader(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Every revoked or suspended certificate of the partition that had not expired at
     * {@code expiredBefore}, in serial order, handed to {@code sink} one at a time.
     */
    void forEachRevoked(CaKind kind, String partition, Instant expiredBefore, Consumer<RevokedEntry> sink) {
        query(REVOKED_IN_PARTITION, statement -> {
            statement.setString(1, kind.name());
            statement.setString(2, partition);
            statement.setTimestamp(3, Timestamp.from(expiredBefore));
        }, row -> sink.accept(CrlEntries.revoked(Serials.parseHex(row.getString(1)),
                CertificateStatus.valueOf(row.getString(2)), reason(row.getString(3)), row.getTimestamp(4).toInstant())));
    }

    /** The certificates of this CA whose status changed after the given sequence, with their status now. */
    List<ChangedCertificate> changedAfter(CaKind kind, long sequence) {
        List<ChangedCertificate> changed = new ArrayList<>();
        query(CHANGED_AFTER, statement -> {
            statement.setString(1, kind.name());
            statement.setLong(2, sequence);
        }, row -> changed.add(new ChangedCertificate(Serials.parseHex(row.getString(1)), row.getString(2),
                CertificateStatus.valueOf(row.getString(3)), reason(row.getString(4)), row.getTimestamp(5).toInstant(),
                row.getLong(6), row.getBoolean(7))));
        return changed;
    }

    private interface Parameters {
        void set(PreparedStatement statement) throws SQLException;
    }

    private interface RowHandler {
        void accept(ResultSet row) throws SQLException;
    }

    private void query(String sql, Parameters parameters, RowHandler handler) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            // PostgreSQL honours the fetch size only inside a transaction; otherwise it reads every row at once.
            connection.setAutoCommit(false);
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setFetchSize(FETCH_SIZE);
                parameters.set(statement);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        handler.accept(rows);
                    }
                }
                connection.commit();
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read CRL entries from the store: " + e.getMessage(), e);
        }
    }

    private static Optional<RevocationReason> reason(String name) {
        return Optional.ofNullable(name).map(RevocationReason::valueOf);
    }
}
