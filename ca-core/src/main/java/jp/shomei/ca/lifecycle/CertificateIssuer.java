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
import jp.shomei.ca.certificate.CertificateStatus;
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

    /** The request as checked: whose certificate, of which kind, for which key and card. */
    record Order(CaKind kind, Resident resident, Municipality municipality, SubjectPublicKeyInfo publicKey,
                 LocalDate cardExpiresOn, Optional<BigInteger> predecessor) {
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
        Validity validity = ValidityPolicy.forIssue(now, resident.basicFour().dateOfBirth(), order.cardExpiresOn());
        CertificateAuthorities.CaGeneration generation = authorities.issuing(order.kind());
        BigInteger serial = serials.next();
        X509CertificateHolder certificate;
        String commonName;
        CrlPartition partition;
        if (order.kind() == CaKind.SIGNING) {
            commonName = commonNames.forSigning(validity.notBefore(), tx.nextCommonNameSequence(), order.municipality());
            partition = CrlPartition.forSigning(order.municipality(), crlBaseUrl);
            certificate = signingProfile.issue(generation.authority(), serial, validity, commonName,
                    order.municipality(), resident.basicFour(), order.publicKey());
        } else {
            commonName = commonNames.forAuthentication();
            partition = CrlPartition.forAuthentication(serial, crlBaseUrl);
            certificate = authenticationProfile.issue(generation.authority(), serial, validity, commonName,
                    order.publicKey());
        }
        CertificateRecord record = new CertificateRecord(serial, order.kind(), generation.number(),
                resident.residentCode(), order.municipality().code(), partition.id(), commonName,
                validity.notBefore(), validity.notAfter(), order.cardExpiresOn(), CertificateStatus.GOOD,
                Optional.empty(), validity.notBefore(), order.predecessor(), Optional.empty(), encode(certificate));
        tx.insertCertificate(record);
        tx.appendStatusChange(serial, order.kind(), CertificateStatus.GOOD, Optional.empty(), validity.notBefore());
        tx.appendAudit(now, actor, "certificate.issue", Optional.of(resident.residentCode()), Optional.of(serial),
                "issued " + order.kind().pathName() + " certificate valid until " + validity.notAfter()
                        + order.predecessor().map(p -> ", succeeding " + p.toString(16)).orElse(""));
        return record;
    }

    private static byte[] encode(X509CertificateHolder certificate) {
        try {
            return certificate.getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
