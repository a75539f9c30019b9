package jp.shomei.ca.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.ca.certificate.AuthenticationMode;
import jp.shomei.ca.certificate.Device;
import jp.shomei.ca.certificate.CertificateRecord;
import jp.shomei.ca.certificate.CertificateStatus;
import jp.shomei.ca.certificate.PublicKeys;
import jp.shomei.ca.certificate.RevocationReason;
import jp.shomei.ca.certificate.Serials;

@MappedEntity("certificate")
record CertificateRow(@Id String serial, CaKind caKind, int caGeneration, String residentCode,
                      String municipalityCode, String crlPartition, String subjectCn, Instant notBefore,
                      Instant notAfter, LocalDate cardExpiresOn, CertificateStatus status,
                      @Nullable RevocationReason revocationReason, Instant statusChangedAt,
                      @Nullable String predecessorSerial, @Nullable String successorSerial,
                      String publicKeySha256, byte[] der, Device device, @Nullable String deviceId,
                      @Nullable String cardSerial, AuthenticationMode authenticationMode) {

    static CertificateRow of(CertificateRecord record) {
        return new CertificateRow(record.serialHex(), record.caKind(), record.caGeneration(), record.residentCode(),
                record.municipalityCode(), record.crlPartition(), record.subjectCommonName(), record.notBefore(),
                record.notAfter(), record.cardExpiresOn(), record.status(), record.revocationReason().orElse(null),
                record.statusChangedAt(), record.predecessorSerial().map(Serials::toHex).orElse(null),
                record.successorSerial().map(Serials::toHex).orElse(null),
                PublicKeys.sha256Hex(org.bouncycastle.asn1.x509.Certificate.getInstance(record.der()).getSubjectPublicKeyInfo()),
                record.der(), record.device(), record.deviceId().orElse(null),
                record.cardSerial().map(Serials::toHex).orElse(null), record.authenticationMode());
    }

    CertificateRecord toRecord() {
        return new CertificateRecord(Serials.parseHex(serial), caKind, caGeneration, residentCode, municipalityCode,
                crlPartition, subjectCn, notBefore, notAfter, cardExpiresOn, status,
                Optional.ofNullable(revocationReason), statusChangedAt,
                Optional.ofNullable(predecessorSerial).map(Serials::parseHex),
                Optional.ofNullable(successorSerial).map(Serials::parseHex), der, device, Optional.ofNullable(deviceId),
                Optional.ofNullable(cardSerial).map(Serials::parseHex), authenticationMode);
    }
}
