package jp.shomei.ca.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.Optional;
import jp.shomei.ca.audit.AuditEncoding;
import jp.shomei.ca.audit.AuditEntry;
import jp.shomei.ca.certificate.Serials;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Makes the audit log a hash chain (docs/audit.md). A Java migration because the entries written
 * before it must be chained with exactly the encoding new entries use, which SQL cannot express the
 * same way on PostgreSQL and H2. It runs in the migration's transaction: the columns appear, every
 * existing entry is chained in sequence order, and only then do the columns become NOT NULL, so an
 * upgraded database never holds an unchained entry.
 */
final class V5__AuditChain extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("ALTER TABLE audit_record ADD COLUMN previous_hash CHAR(64)");
            ddl.execute("ALTER TABLE audit_record ADD COLUMN entry_hash CHAR(64)");
        }
        chainExistingEntries(connection);
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("ALTER TABLE audit_record ALTER COLUMN previous_hash SET NOT NULL");
            ddl.execute("ALTER TABLE audit_record ALTER COLUMN entry_hash SET NOT NULL");
            // Reorder and insertion checks look entries up by hash.
            ddl.execute("CREATE INDEX audit_record_by_entry_hash ON audit_record (entry_hash)");
            ddl.execute("""
                    CREATE TABLE audit_checkpoint (
                        audit_seq  BIGINT       PRIMARY KEY,
                        head_hash  CHAR(64)     NOT NULL,
                        made_at    TIMESTAMP WITH TIME ZONE NOT NULL,
                        key_label  VARCHAR(64)  NOT NULL,
                        signature  BYTEA        NOT NULL
                    )""");
        }
    }

    private static void chainExistingEntries(Connection connection) throws SQLException {
        String previousHash = AuditEncoding.GENESIS_HASH;
        try (Statement select = connection.createStatement();
             ResultSet rows = select.executeQuery("SELECT seq, recorded_at, actor, action, resident_code, serial, detail"
                     + " FROM audit_record ORDER BY seq");
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE audit_record SET previous_hash = ?, entry_hash = ? WHERE seq = ?")) {
            while (rows.next()) {
                AuditEntry entry = new AuditEntry(rows.getLong("seq"),
                        AuditEncoding.storedPrecision(rows.getObject("recorded_at", OffsetDateTime.class).toInstant()),
                        rows.getString("actor"), rows.getString("action"),
                        Optional.ofNullable(rows.getString("resident_code")),
                        Optional.ofNullable(rows.getString("serial")).map(Serials::parseHex),
                        rows.getString("detail"));
                String entryHash = AuditEncoding.entryHash(entry, previousHash);
                update.setString(1, previousHash);
                update.setString(2, entryHash);
                update.setLong(3, entry.sequence());
                update.executeUpdate();
                previousHash = entryHash;
            }
        }
    }
}
