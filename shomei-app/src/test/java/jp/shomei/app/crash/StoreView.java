package jp.shomei.app.crash;

import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jp.shomei.ca.store.DatabaseConfig;

/**
 * The rows the crash specification judges, read over plain JDBC from the embedded database of a
 * running server (its AUTO_SERVER lets a second process in): certificates, the status-change log
 * and the audit log, as they are on disk after the restart.
 */
record StoreView(Map<BigInteger, Row> certificates, List<Event> events, List<Audit> audits, byte[] signingCa) {

    record Row(BigInteger serial, String status, String reason, byte[] der) {
    }

    record Event(long seq, BigInteger serial, String status, String reason) {
    }

    record Audit(long seq, String action, BigInteger serial) {
    }

    static StoreView read(Path dataDirectory) throws SQLException {
        DatabaseConfig database = DatabaseConfig.embedded(dataDirectory);
        try (Connection connection = DriverManager.getConnection(database.url(), database.user(), database.password());
             Statement statement = connection.createStatement()) {
            Map<BigInteger, Row> certificates = new HashMap<>();
            try (ResultSet rows = statement.executeQuery(
                    "SELECT serial, status, revocation_reason, der FROM certificate WHERE ca_kind = 'SIGNING'")) {
                while (rows.next()) {
                    BigInteger serial = new BigInteger(rows.getString(1), 16);
                    certificates.put(serial, new Row(serial, rows.getString(2), rows.getString(3), rows.getBytes(4)));
                }
            }
            List<Event> events = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery(
                    "SELECT seq, serial, status, revocation_reason FROM status_event ORDER BY seq")) {
                while (rows.next()) {
                    events.add(new Event(rows.getLong(1), new BigInteger(rows.getString(2), 16), rows.getString(3),
                            rows.getString(4)));
                }
            }
            List<Audit> audits = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SELECT seq, action, serial FROM audit_record ORDER BY seq")) {
                while (rows.next()) {
                    String serial = rows.getString(3);
                    audits.add(new Audit(rows.getLong(1), rows.getString(2),
                            serial == null ? null : new BigInteger(serial, 16)));
                }
            }
            byte[] signingCa;
            try (ResultSet rows = statement.executeQuery(
                    "SELECT der FROM ca_certificate WHERE ca_kind = 'SIGNING' ORDER BY generation DESC")) {
                rows.next();
                signingCa = rows.getBytes(1);
            }
            return new StoreView(certificates, events, audits, signingCa);
        }
    }
}
