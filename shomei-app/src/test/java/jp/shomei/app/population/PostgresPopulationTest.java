package jp.shomei.app.population;

import java.sql.SQLException;
import jp.shomei.ca.store.DatabaseConfig;
import jp.shomei.ca.testsupport.PostgresSchemas;
import org.junit.jupiter.api.AfterAll;

/** A generated population on a real PostgreSQL 15 server, the production database. */
class PostgresPopulationTest extends PopulationSpecification {

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
