package jp.shomei.app.population;

import jp.shomei.ca.store.DatabaseConfig;
import jp.shomei.ca.testsupport.PostgresSchemas;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A generated population on a real PostgreSQL 15 server, the production database. */
class PostgresPopulationTest extends PopulationSpecification {

    @RegisterExtension
    static final PostgresSchemas SCHEMAS = new PostgresSchemas();

    @Override
    DatabaseConfig newDatabase() {
        return SCHEMAS.newDatabase();
    }
}
