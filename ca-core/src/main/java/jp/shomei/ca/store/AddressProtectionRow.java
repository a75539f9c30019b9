package jp.shomei.ca.store;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

@MappedEntity("address_protection")
record AddressProtectionRow(@Id String residentCode, Instant since, String setBy) {
}
