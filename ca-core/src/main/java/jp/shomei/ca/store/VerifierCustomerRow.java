package jp.shomei.ca.store;

import io.micronaut.data.annotation.Embeddable;
import io.micronaut.data.annotation.EmbeddedId;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

@MappedEntity("verifier_customer")
record VerifierCustomerRow(@EmbeddedId Key key, Instant registeredAt) {

    @Embeddable
    record Key(String verifierId, String serial) {
    }
}
