package jp.shomei.ca.store;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import jp.shomei.ca.authority.CaKind;

@MappedEntity("ocsp_signer")
record OcspSignerRow(@Id String keyLabel, CaKind caKind, int caGeneration, int number, byte[] der,
                     Instant notAfter, Instant createdAt) {
}
