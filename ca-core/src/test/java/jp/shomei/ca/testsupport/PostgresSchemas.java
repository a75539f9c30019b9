package jp.shomei.ca.testsupport;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import jp.shomei.ca.store.DatabaseConfig;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fresh, empty databases on the test PostgreSQL server, one schema each, all dropped after the test
 * class: register one per class as a static {@code @RegisterExtension} field.
 */
public final class PostgresSchemas implements AfterAllCallback {

    private final List<PostgresTestDatabase.Schema> schemas = new ArrayList<>();

    public synchronized DatabaseConfig newDatabase() {
        try {
            PostgresTestDatabase.Schema schema = PostgresTestDatabase.fromEnvironment().createSchema();
            schemas.add(schema);
            return new DatabaseConfig(schema.url(), schema.user(), schema.password(), 8);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create a schema on the test PostgreSQL server", e);
        }
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) throws SQLException {
        for (PostgresTestDatabase.Schema schema : schemas) {
            schema.close();
        }
        schemas.clear();
    }
}
