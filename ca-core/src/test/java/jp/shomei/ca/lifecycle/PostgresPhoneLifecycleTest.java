package jp.shomei.ca.lifecycle;

import java.sql.SQLException;
import jp.shomei.ca.store.DatabaseConfig;
import jp.shomei.ca.testsupport.PostgresSchemas;
import org.junit.jupiter.api.AfterAll;

/** Phones, linked lifecycle and face-only cards on a real PostgreSQL 15 server. */
class PostgresPhoneLifecycleTest extends PhoneLifecycleSpecification {

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
