package jp.shomei.ca.lifecycle;

import java.util.UUID;
import jp.shomei.ca.store.DatabaseConfig;

/** The lifecycle on the embedded default database. */
class H2LifecycleTest extends LifecycleSpecification {

    @Override
    DatabaseConfig newDatabase() {
        return DatabaseConfig.inMemory("lifecycle-" + UUID.randomUUID());
    }
}
