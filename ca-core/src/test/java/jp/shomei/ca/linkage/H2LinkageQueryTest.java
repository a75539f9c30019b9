package jp.shomei.ca.linkage;

import java.util.UUID;
import jp.shomei.ca.store.DatabaseConfig;

/** Linkage on the embedded default database. */
class H2LinkageQueryTest extends LinkageQuerySpecification {

    @Override
    DatabaseConfig newDatabase() {
        return DatabaseConfig.inMemory("linkage-" + UUID.randomUUID());
    }
}
