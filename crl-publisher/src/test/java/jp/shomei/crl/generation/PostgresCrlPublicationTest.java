package jp.shomei.crl.generation;

import jp.shomei.ca.store.DatabaseConfig;
import jp.shomei.ca.testsupport.PostgresSchemas;
import org.junit.jupiter.api.extension.RegisterExtension;

/** CRL publication over PostgreSQL 15, where the partition query streams through a cursor. */
class PostgresCrlPublicationTest extends CrlPublicationSpecification {

    @RegisterExtension
    static final PostgresSchemas SCHEMAS = new PostgresSchemas();

    @Override
    DatabaseConfig newDatabase() {
        return SCHEMAS.newDatabase();
    }
}
