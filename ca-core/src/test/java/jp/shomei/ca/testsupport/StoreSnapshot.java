package jp.shomei.ca.testsupport;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;

/**
 * Every row of every Shomei table as text, in primary-key order: two equal snapshots mean the store
 * did not change in between.
 */
public final class StoreSnapshot {

    private static final List<String> TABLES_BY_KEY = List.of(
            "municipality ORDER BY code",
            "resident ORDER BY resident_code",
            "ca_certificate ORDER BY serial",
            "certificate ORDER BY serial",
            "status_event ORDER BY seq",
            "audit_record ORDER BY seq",
            "gapless_counter ORDER BY name",
            "certificate_succession ORDER BY predecessor_serial",
            "certificate_pairing ORDER BY signing_serial, authentication_serial");

    private StoreSnapshot() {
    }

    public static String of(DataSource dataSource) {
        StringBuilder snapshot = new StringBuilder();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String table : TABLES_BY_KEY) {
                snapshot.append("== ").append(table).append('\n');
                try (ResultSet rows = statement.executeQuery("SELECT * FROM " + table)) {
                    ResultSetMetaData meta = rows.getMetaData();
                    while (rows.next()) {
                        for (int column = 1; column <= meta.getColumnCount(); column++) {
                            Object value = rows.getObject(column);
                            snapshot.append(value instanceof byte[] bytes ? Arrays.toString(bytes) : String.valueOf(value))
                                    .append('|');
                        }
                        snapshot.append('\n');
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the store", e);
        }
        return snapshot.toString();
    }
}
