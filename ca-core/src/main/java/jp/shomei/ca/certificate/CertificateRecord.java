package jp.shomei.ca.certificate;

import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import jp.shomei.ca.authority.CaKind;

/** What the store knows about one issued end-entity certificate. */
public record CertificateRecord(
        BigInteger serial,
        CaKind caKind,
        int caGeneration,
        String residentCode,
        String municipalityCode,
        String crlPartition,
        String subjectCommonName,
        Instant notBefore,
        Instant notAfter,
        LocalDate cardExpiresOn,
        CertificateStatus status,
        Optional<RevocationReason> revocationReason,
        Instant statusChangedAt,
        Optional<BigInteger> predecessorSerial,
        Optional<BigInteger> successorSerial,
        byte[] der,
        Device device,
        Optional<String> deviceId,
        Optional<BigInteger> cardSerial,
        AuthenticationMode authenticationMode) {

    /** A card certificate used with a PIN: every certificate issued before phones and face-only cards. */
    public CertificateRecord(BigInteger serial, CaKind caKind, int caGeneration, String residentCode,
                             String municipalityCode, String crlPartition, String subjectCommonName,
                             Instant notBefore, Instant notAfter, LocalDate cardExpiresOn, CertificateStatus status,
                             Optional<RevocationReason> revocationReason, Instant statusChangedAt,
                             Optional<BigInteger> predecessorSerial, Optional<BigInteger> successorSerial,
                             byte[] der) {
        this(serial, caKind, caGeneration, residentCode, municipalityCode, crlPartition, subjectCommonName, notBefore,
                notAfter, cardExpiresOn, status, revocationReason, statusChangedAt, predecessorSerial, successorSerial,
                der, Device.CARD, Optional.empty(), Optional.empty(), AuthenticationMode.PIN);
    }

    public boolean isExpiredAt(Instant now) {
        return now.isAfter(notAfter);
    }

    /** Good or on hold, and not expired: a certificate that still counts as the resident's. */
    public boolean isLiveAt(Instant now) {
        return status != CertificateStatus.REVOKED && !isExpiredAt(now);
    }

    /** This certificate after a status transition at the given time. */
    public CertificateRecord withStatus(CertificateStatus newStatus, Optional<RevocationReason> reason, Instant at) {
        return new CertificateRecord(serial, caKind, caGeneration, residentCode, municipalityCode, crlPartition,
                subjectCommonName, notBefore, notAfter, cardExpiresOn, newStatus, reason, at, predecessorSerial,
                successorSerial, der, device, deviceId, cardSerial, authenticationMode);
    }

    /** This certificate linked to the one that replaced it. */
    public CertificateRecord withSuccessor(BigInteger successor) {
        return new CertificateRecord(serial, caKind, caGeneration, residentCode, municipalityCode, crlPartition,
                subjectCommonName, notBefore, notAfter, cardExpiresOn, status, revocationReason, statusChangedAt,
                predecessorSerial, Optional.of(successor), der, device, deviceId, cardSerial, authenticationMode);
    }

    /** This certificate linked to the one it replaced. */
    public CertificateRecord withPredecessor(BigInteger predecessor) {
        return new CertificateRecord(serial, caKind, caGeneration, residentCode, municipalityCode, crlPartition,
                subjectCommonName, notBefore, notAfter, cardExpiresOn, status, revocationReason, statusChangedAt,
                Optional.of(predecessor), successorSerial, der, device, deviceId, cardSerial, authenticationMode);
    }

    /** This certificate switched to another authentication mode; its status and status time stay. */
    public CertificateRecord withAuthenticationMode(AuthenticationMode mode) {
        return new CertificateRecord(serial, caKind, caGeneration, residentCode, municipalityCode, crlPartition,
                subjectCommonName, notBefore, notAfter, cardExpiresOn, status, revocationReason, statusChangedAt,
                predecessorSerial, successorSerial, der, device, deviceId, cardSerial, mode);
    }

    public boolean isOnPhone() {
        return device == Device.PHONE;
    }

    /** The serial as Shomei writes it everywhere: lowercase hexadecimal without leading zeros. */
    public String serialHex() {
        return Serials.toHex(serial);
    }
}
