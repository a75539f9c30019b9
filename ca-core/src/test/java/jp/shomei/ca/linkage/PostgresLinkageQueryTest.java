package jp.shomei.ca.linkage;

import jp.shomei.ca.store.DatabaseConfig;
import jp.shomei.ca.testsupport.PostgresSchemas;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Linkage on a real PostgreSQL 15 server, where the chain walk and the pair order must hold too. */
class PostgresLinkageQueryTest extends LinkageQuerySpecification {

    @RegisterExtension
    static final PostgresSchemas SCHEMAS = new PostgresSchemas();

    @Override
    DatabaseConfig newDatabase() {
        return SCHEMAS.newDatabase();
    }
}
