package jp.shomei.crl.generation;

import java.sql.SQLException;
import jp.shomei.ca.store.DatabaseConfig;
import jp.shomei.ca.testsupport.PostgresSchemas;
import org.junit.jupiter.api.AfterAll;

/** CRL publication over PostgreSQL 15, where the partition query streams through a cursor. */
class PostgresCrlPublicationTest extends CrlPublicationSpecification {

    private static final PostgresSchemas SCHEMAS = new PostgresSchemas();

    @Override
    DatabaseConfig newDatabase() {
        return SCHEMAS.newDatabase();
    }

    @AfterAll
    static void dropSchemas() throws SQLException {
        SCHEMAS.close();
    }
}
