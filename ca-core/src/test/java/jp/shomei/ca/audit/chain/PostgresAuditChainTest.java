package jp.shomei.ca.audit.chain;

import jp.shomei.ca.store.DatabaseConfig;
import jp.shomei.ca.testsupport.PostgresSchemas;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The audit chain on a real PostgreSQL 15 server, edited there with plain SQL. */
class PostgresAuditChainTest extends AuditChainSpecification {

    @RegisterExtension
    static final PostgresSchemas SCHEMAS = new PostgresSchemas();

    @Override
    DatabaseConfig newDatabase() {
        return SCHEMAS.newDatabase();
    }
}
