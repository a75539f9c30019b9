package jp.shomei.ca.lifecycle;

import jp.shomei.ca.store.DatabaseConfig;
import jp.shomei.ca.testsupport.PostgresSchemas;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Phones, linked lifecycle and face-only cards on a real PostgreSQL 15 server. */
class PostgresPhoneLifecycleTest extends PhoneLifecycleSpecification {

    @RegisterExtension
    static final PostgresSchemas SCHEMAS = new PostgresSchemas();

    @Override
    DatabaseConfig newDatabase() {
        return SCHEMAS.newDatabase();
    }
}
