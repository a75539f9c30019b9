package jp.shomei.ca.lifecycle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import jp.shomei.ca.Problem;
import jp.shomei.ca.RefusedException;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.ca.authority.CertificateAuthorities;
import jp.shomei.ca.certificate.CertificateRecord;
import jp.shomei.ca.certificate.AuthenticationMode;
import jp.shomei.ca.certificate.CertificateStatus;
import jp.shomei.ca.certificate.Device;
import jp.shomei.ca.linkage.Pairing;
import jp.shomei.ca.profile.AuthenticationCertificateProfile;
import jp.shomei.ca.profile.CommonNames;
import jp.shomei.ca.profile.CrlBaseUrl;
import jp.shomei.ca.profile.CrlPartition;
import jp.shomei.ca.profile.EligibilityPolicy;
import jp.shomei.ca.profile.SerialNumbers;
import jp.shomei.ca.profile.SigningCertificateProfile;
import jp.shomei.ca.profile.Validity;
import jp.shomei.ca.profile.ValidityPolicy;
import jp.shomei.ca.resident.Municipality;
import jp.shomei.ca.resident.Resident;
import jp.shomei.ca.store.StoreTransaction;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * Issues one end-entity certificate inside the caller's transaction: checks eligibility, fixes the
 * validity, signs with the issuing CA generation, and records the certificate, its first status
 * change and the audit entry together, so a certificate is never signed and returned without all three.
 */
final class CertificateIssuer {

    private final CertificateAuthorities authorities;
    private final SigningCertificateProfile signingProfile;
    private final AuthenticationCertificateProfile authenticationProfile;
    private final CrlBaseUrl crlBaseUrl;
    private final SerialNumbers serials;
    private final CommonNames commonNames;

    CertificateIssuer(CertificateAuthorities authorities, CrlBaseUrl crlBaseUrl, SerialNumbers serials,
                      CommonNames commonNames) {
        this.authorities = authorities;
        this.crlBaseUrl = crlBaseUrl;
        this.signingProfile = new SigningCertificateProfile(crlBaseUrl.value());
        this.authenticationProfile = new AuthenticationCertificateProfile(crlBaseUrl.value());
        this.serials = serials;
        this.commonNames = commonNames;
    }

    /** The request as checked: whose certificate, of which kind, for which key, card and device. */
    record Order(CaKind kind, Resident resident, Municipality municipality, SubjectPublicKeyInfo publicKey,
                 LocalDate cardExpiresOn, Optional<BigInteger> predecessor, Placement placement) {
    }

    /**
     * The device the key lives on. A phone certificate hangs off the card certificate of its kind that
     * authorised it: it ends no later than that one.
     */
    record Placement(Device device, Optional<String> deviceId, Optional<CertificateRecord> cardCertificate,
                     AuthenticationMode mode) {

        static Placement card(AuthenticationMode mode) {
            return new Placement(Device.CARD, Optional.empty(), Optional.empty(), mode);
        }

        static Placement phone(String deviceId, CertificateRecord cardCertificate) {
            return new Placement(Device.PHONE, Optional.of(deviceId), Optional.of(cardCertificate),
                    AuthenticationMode.PIN);
        }
    }

    CertificateRecord issue(StoreTransaction tx, Order order, Instant now, String actor) {
        Resident resident = order.resident();
        if (tx.isCertified(order.publicKey())) {
            throw new RefusedException(Problem.KEY_ALREADY_CERTIFIED,
                    "this public key is already certified; the card must generate a new key pair for every certificate");
        }
        if (order.kind() == CaKind.SIGNING) {
            EligibilityPolicy.requireEligibleForSigning(resident.basicFour().dateOfBirth(), resident.adultWard(), now);
        }
        Placement placement = order.placement();
        Validity validity = ValidityPolicy.forIssue(now, resident.basicFour().dateOfBirth(), order.cardExpiresOn());
        if (placement.cardCertificate().isPresent()
                && validity.notAfter().isAfter(placement.cardCertificate().get().notAfter())) {
            validity = new Validity(validity.notBefore(), placement.cardCertificate().get().notAfter());
        }
        CertificateAuthorities.CaGeneration generation = authorities.issuing(order.kind());
        BigInteger serial = serials.next();
        X509CertificateHolder certificate;
        String commonName;
        CrlPartition partition;
        if (order.kind() == CaKind.SIGNING) {
            commonName = commonNames.forSigning(validity.notBefore(), tx.nextCommonNameSequence(), order.municipality());
            partition = CrlPartition.forSigning(order.municipality(), crlBaseUrl);
            certificate = signingProfile.issue(generation.authority(), serial, validity, commonName,
                    order.municipality(), resident.basicFour(), order.publicKey(), placement.device());
        } else {
            commonName = commonNames.forAuthentication();
            partition = CrlPartition.forAuthentication(serial, crlBaseUrl);
            certificate = authenticationProfile.issue(generation.authority(), serial, validity, commonName,
                    order.publicKey(), placement.device());
        }
        CertificateRecord record = new CertificateRecord(serial, order.kind(), generation.number(),
                resident.residentCode(), order.municipality().code(), partition.id(), commonName,
                validity.notBefore(), validity.notAfter(), order.cardExpiresOn(), CertificateStatus.GOOD,
                Optional.empty(), validity.notBefore(), order.predecessor(), Optional.empty(), encode(certificate),
                placement.device(), placement.deviceId(), placement.cardCertificate().map(CertificateRecord::serial),
                placement.mode());
        pairWithOtherKind(tx, record, placement, now);
        tx.appendStatusChange(serial, order.kind(), CertificateStatus.GOOD, Optional.empty(), validity.notBefore(),
                placement.mode());
        tx.appendAudit(now, actor, "certificate.issue", Optional.of(resident.residentCode()), Optional.of(serial),
                "issued " + order.kind().pathName() + " certificate on " + placement.device().label()
                        + placement.deviceId().map(id -> " " + id).orElse("") + " valid until " + validity.notAfter()
                        + order.predecessor().map(p -> ", succeeding " + p.toString(16)).orElse(""));
        return record;
    }

    /**
     * Inserts the certificate and links it to the resident's live certificate of the other kind on the
     * same device, if there is one: the signing-to-authentication linkage verifiers in both classes see.
     */
    private static void pairWithOtherKind(StoreTransaction tx, CertificateRecord record, Placement placement,
                                          Instant now) {
        CaKind otherKind = record.caKind() == CaKind.SIGNING ? CaKind.AUTHENTICATION : CaKind.SIGNING;
        Optional<BigInteger> partner = tx.liveCertificateOnDevice(record.residentCode(), otherKind,
                placement.device(), placement.deviceId(), now);
        tx.insertCertificate(record);
        partner.ifPresent(other -> tx.insertPairing(record.caKind() == CaKind.SIGNING
                ? new Pairing(record.serial(), other, now)
                : new Pairing(other, record.serial(), now)));
    }

    private static byte[] encode(X509CertificateHolder certificate) {
        try {
            return certificate.getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
