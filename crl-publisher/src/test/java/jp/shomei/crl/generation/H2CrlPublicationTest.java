package jp.shomei.crl.generation;

import java.util.UUID;
import jp.shomei.ca.store.DatabaseConfig;

/** CRL publication over the embedded H2 store. */
class H2CrlPublicationTest extends CrlPublicationSpecification {

    @Override
    DatabaseConfig newDatabase() {
        return DatabaseConfig.inMemory("crl-" + UUID.randomUUID());
    }
}
