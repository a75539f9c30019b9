package jp.shomei.ca.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.ca.certificate.AuthenticationMode;
import jp.shomei.ca.certificate.CertificateStatus;
import jp.shomei.ca.certificate.RevocationReason;

@MappedEntity("status_event")
record StatusEventRow(@Id long seq, String serial, CaKind caKind, CertificateStatus status,
                      @Nullable RevocationReason revocationReason, Instant effectiveAt,
                      AuthenticationMode authenticationMode) {
}
