package jp.shomei.ca.store;

import jp.shomei.ca.testsupport.PostgresSchemas;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The journal on a real PostgreSQL 15 server, whose row locks decide who numbers first. */
class PostgresJournalTest extends JournalSpecification {

    @RegisterExtension
    static final PostgresSchemas SCHEMAS = new PostgresSchemas();

    @Override
    DatabaseConfig newDatabase() {
        return SCHEMAS.newDatabase();
    }
}
