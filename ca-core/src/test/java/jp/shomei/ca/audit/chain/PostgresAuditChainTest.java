package jp.shomei.ca.audit.chain;

import java.sql.SQLException;
import jp.shomei.ca.store.DatabaseConfig;
import jp.shomei.ca.testsupport.PostgresSchemas;
import org.junit.jupiter.api.AfterAll;

/** The audit chain on a real PostgreSQL 15 server, edited there with plain SQL. */
class PostgresAuditChainTest extends AuditChainSpecification {

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
