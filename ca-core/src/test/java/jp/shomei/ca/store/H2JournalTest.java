package jp.shomei.ca.store;

import java.util.UUID;

/** The journal on an in-memory H2 database, as the embedded store uses it. */
class H2JournalTest extends JournalSpecification {

    @Override
    DatabaseConfig newDatabase() {
        return DatabaseConfig.inMemory("journal-" + UUID.randomUUID());
    }
}
