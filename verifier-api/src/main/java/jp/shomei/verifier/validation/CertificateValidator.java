package jp.shomei.verifier.validation;

import java.security.InvalidAlgorithmParameterException;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXCertPathValidatorResult;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXReason;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.ca.certificate.CertificateRecord;
import jp.shomei.ca.certificate.CertificateStatus;
import jp.shomei.ca.certificate.Device;
import jp.shomei.ca.events.StatusChange;
import jp.shomei.ca.profile.JpkiOids;
import jp.shomei.ca.store.Store;
import jp.shomei.ca.store.StoreTransaction;
import jp.shomei.ca.verifier.VerifierClass;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.Extension;

/**
 * Validates end-entity certificates for a verifier: an RFC 5280 path to one of its class's trust
 * anchors by the JDK's PKIX validator (revocation left to the store), the JPKI profile of the kind
 * (certificate policy and key usage), that Shomei recorded exactly this certificate, and its status
 * now or at a given instant from the store.
 */
public final class CertificateValidator {

    private final TrustAnchors anchors;
    private final Store store;
    private final Clock clock;

    public CertificateValidator(TrustAnchors anchors, Store store, Clock clock) {
        this.anchors = anchors;
        this.store = store;
        this.clock = clock;
    }

    /**
     * Validates a chain, end-entity first (intermediates after it; a trailing trust anchor is ignored),
     * at the given instant or now. Blocking: reads the store.
     */
    public Validation validate(VerifierClass verifierClass, List<X509Certificate> chain, Optional<Instant> at) {
        return store.read(tx -> validate(tx, verifierClass, chain, at));
    }

    public Validation validate(StoreTransaction tx, VerifierClass verifierClass, List<X509Certificate> chain,
                               Optional<Instant> at) {
        Instant when = at.orElseGet(clock::instant);
        X509Certificate certificate = chain.get(0);
        Optional<java.math.BigInteger> serial = Optional.of(certificate.getSerialNumber());
        PKIXCertPathValidatorResult path;
        try {
            path = validatePath(verifierClass, chain, when);
        } catch (CertPathValidatorException e) {
            return new Validation(serial, when, Optional.empty(), Optional.empty(), Optional.empty(),
                    List.of(pathReason(e)));
        }
        CaKind kind = anchors.kindOf(path.getTrustAnchor().getTrustedCert()).orElseThrow();
        Optional<CertificateRecord> record = tx.certificate(certificate.getSerialNumber())
                .filter(stored -> stored.caKind() == kind && Arrays.equals(stored.der(), encoded(certificate)));
        List<Reason> reasons = new ArrayList<>(profileReasons(certificate, kind,
                record.map(CertificateRecord::device).orElse(Device.CARD)));
        if (record.isEmpty()) {
            // Signed by a Shomei CA key but never recorded: a forgery or a lost transaction, never valid.
            reasons.add(new Reason("unknown-certificate", "the issuing CA has no record of this certificate"));
            return new Validation(serial, when, Optional.of(kind), Optional.empty(), Optional.empty(), reasons);
        }
        StatusAt status = at.isPresent() ? statusAt(tx, record.get(), when) : statusNow(record.get(), when);
        if (!status.isGood()) {
            reasons.add(new Reason(status.label(), "the certificate's status at " + when + " is " + status.label()
                    + status.revocationReason().map(reason -> " (" + reason.rfcName() + ")").orElse("")));
        }
        return new Validation(serial, when, Optional.of(kind), record, Optional.of(status), reasons);
    }

    private PKIXCertPathValidatorResult validatePath(VerifierClass verifierClass, List<X509Certificate> chain,
                                                     Instant when) throws CertPathValidatorException {
        try {
            List<X509Certificate> path = chain.stream().filter(certificate -> !anchors.isAnchor(certificate)).toList();
            if (path.isEmpty()) {
                throw new CertPathValidatorException("a CA certificate is not an end-entity certificate", null, null, -1,
                        PKIXReason.NOT_CA_CERT);
            }
            CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
            PKIXParameters parameters = new PKIXParameters(anchors.of(verifierClass));
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(when));
            return (PKIXCertPathValidatorResult) CertPathValidator.getInstance("PKIX").validate(certPath, parameters);
        } catch (InvalidAlgorithmParameterException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK's PKIX validator is not available", e);
        } catch (java.security.cert.CertificateException e) {
            throw new CertPathValidatorException("the chain cannot form a certification path: " + e.getMessage());
        }
    }

    private static Reason pathReason(CertPathValidatorException e) {
        CertPathValidatorException.Reason reason = e.getReason();
        if (reason == PKIXReason.NO_TRUST_ANCHOR) {
            return new Reason("untrusted-issuer", "the certificate does not chain to a trust anchor of this verifier's class");
        }
        if (reason == CertPathValidatorException.BasicReason.EXPIRED) {
            return new Reason("expired", "a certificate on the path has expired at the validation time");
        }
        if (reason == CertPathValidatorException.BasicReason.NOT_YET_VALID) {
            return new Reason("not-yet-valid", "a certificate on the path is not yet valid at the validation time");
        }
        if (reason == CertPathValidatorException.BasicReason.INVALID_SIGNATURE) {
            return new Reason("signature-invalid", "a signature on the path does not verify");
        }
        if (reason == PKIXReason.NOT_CA_CERT) {
            return new Reason("not-end-entity", "only end-entity certificates are validated");
        }
        return new Reason("path-invalid", "RFC 5280 path validation failed: " + e.getMessage());
    }

    /**
     * JPKI's profile of each kind (DESIGN.md §3): the policy of the kind on the device the certificate
     * was recorded for (card and phone certificates carry different policies), and the kind's exact key usage.
     */
    private static List<Reason> profileReasons(X509Certificate certificate, CaKind kind, Device device) {
        List<Reason> reasons = new ArrayList<>();
        ASN1ObjectIdentifier expectedPolicy = device == Device.PHONE
                ? (kind == CaKind.SIGNING ? JpkiOids.PHONE_SIGNING_POLICY : JpkiOids.PHONE_AUTHENTICATION_POLICY)
                : (kind == CaKind.SIGNING ? JpkiOids.SIGNING_POLICY : JpkiOids.AUTHENTICATION_POLICY);
        if (!hasPolicy(certificate, expectedPolicy)) {
            reasons.add(new Reason("policy-mismatch", "the certificate does not carry the policy " + expectedPolicy));
        }
        boolean[] usage = certificate.getKeyUsage();
        boolean digitalSignature = usage != null && usage[0];
        boolean nonRepudiation = usage != null && usage.length > 1 && usage[1];
        if (!digitalSignature || nonRepudiation != (kind == CaKind.SIGNING)) {
            reasons.add(new Reason("key-usage-mismatch", kind == CaKind.SIGNING
                    ? "a signing certificate must allow digitalSignature and nonRepudiation"
                    : "an authentication certificate must allow digitalSignature only"));
        }
        return reasons;
    }

    private static boolean hasPolicy(X509Certificate certificate, ASN1ObjectIdentifier policy) {
        byte[] extension = certificate.getExtensionValue(Extension.certificatePolicies.getId());
        if (extension == null) {
            return false;
        }
        CertificatePolicies policies = CertificatePolicies.getInstance(ASN1OctetString.getInstance(extension).getOctets());
        return policies.getPolicyInformation(policy) != null;
    }

    private static StatusAt statusNow(CertificateRecord record, Instant now) {
        if (record.isExpiredAt(now)) {
            return new StatusAt("expired", Optional.empty(), Optional.of(record.notAfter()), record.authenticationMode());
        }
        return new StatusAt(record.status().label(), record.revocationReason(), Optional.of(record.statusChangedAt()),
                record.authenticationMode());
    }

    /** The status in force at an instant: the last recorded change at or before it. */
    private static StatusAt statusAt(StoreTransaction tx, CertificateRecord record, Instant when) {
        if (record.isExpiredAt(when)) {
            return new StatusAt("expired", Optional.empty(), Optional.of(record.notAfter()), record.authenticationMode());
        }
        StatusChange inForce = null;
        for (StatusChange change : tx.statusChangesOf(record.serial())) {
            if (!change.effectiveAt().isAfter(when)) {
                inForce = change;
            }
        }
        if (inForce == null) {
            return new StatusAt("not-yet-issued", Optional.empty(), Optional.empty(), record.authenticationMode());
        }
        return new StatusAt(inForce.status().label(), inForce.status() == CertificateStatus.GOOD ? Optional.empty()
                : inForce.revocationReason(), Optional.of(inForce.effectiveAt()), inForce.authenticationMode());
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
