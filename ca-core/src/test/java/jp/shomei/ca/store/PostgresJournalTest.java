package jp.shomei.ca.store;

import java.sql.SQLException;
import jp.shomei.ca.testsupport.PostgresSchemas;
import org.junit.jupiter.api.AfterAll;

/** The journal on a real PostgreSQL 15 server, whose row locks decide who numbers first. */
class PostgresJournalTest extends JournalSpecification {

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
