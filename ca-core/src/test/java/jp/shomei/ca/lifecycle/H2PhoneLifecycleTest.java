package jp.shomei.ca.lifecycle;

import java.util.UUID;
import jp.shomei.ca.store.DatabaseConfig;

/** Phones, linked lifecycle and face-only cards on the embedded default database. */
class H2PhoneLifecycleTest extends PhoneLifecycleSpecification {

    @Override
    DatabaseConfig newDatabase() {
        return DatabaseConfig.inMemory("phones-" + UUID.randomUUID());
    }
}
