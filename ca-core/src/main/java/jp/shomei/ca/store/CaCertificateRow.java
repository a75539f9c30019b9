package jp.shomei.ca.store;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import jp.shomei.ca.authority.CaKind;

@MappedEntity("ca_certificate")
record CaCertificateRow(@Id String serial, CaKind caKind, int generation, String keyLabel, byte[] der,
                        Instant createdAt) {
}
