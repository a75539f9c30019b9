package jp.shomei.app.population;

import java.util.UUID;
import jp.shomei.ca.store.DatabaseConfig;

/** A generated population on the embedded default database. */
class H2PopulationTest extends PopulationSpecification {

    @Override
    DatabaseConfig newDatabase() {
        return DatabaseConfig.inMemory("population-" + UUID.randomUUID());
    }
}
