package jp.shomei.crl.generation;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import jp.shomei.ca.store.DatabaseConfig;
import jp.shomei.ca.testsupport.PostgresTestDatabase;
import org.junit.jupiter.api.AfterAll;

/** CRL publication over PostgreSQL 15, where the partition query streams through a cursor. */
class PostgresCrlPublicationTest extends CrlPublicationSpecification {

    private static final List<PostgresTestDatabase.Schema> SCHEMAS = new ArrayList<>();

    @Override
    DatabaseConfig newDatabase() {
        try {
            PostgresTestDatabase.Schema schema = PostgresTestDatabase.fromEnvironment().createSchema();
            SCHEMAS.add(schema);
            return new DatabaseConfig(schema.url(), schema.user(), schema.password(), 8);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create a schema on the test PostgreSQL server", e);
        }
    }

    @AfterAll
    static void dropSchemas() throws SQLException {
        for (PostgresTestDatabase.Schema schema : SCHEMAS) {
            schema.close();
        }
        SCHEMAS.clear();
    }
}
