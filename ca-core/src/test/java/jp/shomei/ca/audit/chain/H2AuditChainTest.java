package jp.shomei.ca.audit.chain;

import java.util.UUID;
import jp.shomei.ca.store.DatabaseConfig;

/** The audit chain on the embedded default database. */
class H2AuditChainTest extends AuditChainSpecification {

    @Override
    DatabaseConfig newDatabase() {
        return DatabaseConfig.inMemory("audit-" + UUID.randomUUID());
    }
}
