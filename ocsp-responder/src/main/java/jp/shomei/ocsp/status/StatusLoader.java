package jp.shomei.ocsp.status;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import javax.sql.DataSource;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.ca.certificate.AuthenticationMode;
import jp.shomei.ca.certificate.CertificateStatus;
import jp.shomei.ca.certificate.RevocationReason;

/**
 * Reads the status of every certificate into a {@link StatusBook} at start-up with one streaming query:
 * at hundreds of millions of rows, going through the repositories (one object graph per row) would take
 * many times longer and need the whole result in memory.
 */
public final class StatusLoader {

    private static final int FETCH_SIZE = 10_000;

    private final DataSource dataSource;

    public StatusLoader(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Loads every certificate and returns the status-change sequence the book reflects at least: the
     * feed must start after it. The sequence is read before the certificates, so a change committed
     * during the load is delivered again by the feed, and applying a change twice is harmless.
     */
    public long loadInto(StatusBook book) {
        try (Connection connection = dataSource.getConnection()) {
            long sequence;
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT COALESCE(MAX(seq), 0) FROM status_event")) {
                rows.next();
                sequence = rows.getLong(1);
            }
            // PostgreSQL streams with a cursor only inside a transaction; otherwise it reads all rows first.
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (PreparedStatement query = connection.prepareStatement("SELECT serial, ca_kind, ca_generation, status,"
                    + " revocation_reason, status_changed_at, authentication_mode FROM certificate")) {
                query.setFetchSize(FETCH_SIZE);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        CertState state = new CertState(CertificateStatus.valueOf(rows.getString(4)),
                                Optional.ofNullable(rows.getString(5)).map(RevocationReason::valueOf),
                                rows.getTimestamp(6).toInstant(), AuthenticationMode.valueOf(rows.getString(7)));
                        book.record(CaKind.valueOf(rows.getString(2)), rows.getInt(3),
                                new BigInteger(rows.getString(1), 16), state);
                    }
                }
            } finally {
                connection.rollback();
                connection.setAutoCommit(autoCommit);
            }
            return sequence;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot load certificate statuses: " + e.getMessage(), e);
        }
    }
}
