package jp.shomei.ca.profile;

import java.math.BigInteger;
import java.util.Date;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.ca.authority.CertificateAuthority;
import jp.shomei.ca.authority.JpkiNames;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.bc.BcX509ExtensionUtils;

/**
 * An end-entity certificate being put together by one of the profiles: knows how JPKI encodes each
 * extension, adds them in the order the profile calls them, and has the CA sign the result.
 */
final class CertificateDraft {

    /** RFC 5280 4.1.2.2: conforming serial numbers are at most 20 octets. */
    private static final int MAX_SERIAL_OCTETS = 20;

    private final CertificateAuthority ca;
    private final SubjectPublicKeyInfo publicKey;
    private final X509v3CertificateBuilder builder;

    CertificateDraft(CertificateAuthority ca, CaKind kind, BigInteger serial, Validity validity,
                     X500Name subject, SubjectPublicKeyInfo publicKey) {
        if (ca.kind() != kind) {
            throw new IllegalArgumentException(kind + " certificates must be issued by a " + kind + " CA, not " + ca.kind());
        }
        if (serial.signum() <= 0 || serial.toByteArray().length > MAX_SERIAL_OCTETS) {
            throw new IllegalArgumentException("serial number must be positive and at most 20 octets: " + serial);
        }
        Date caNotAfter = ca.certificate().getNotAfter();
        if (validity.notAfter().isAfter(caNotAfter.toInstant())) {
            throw new IllegalArgumentException("certificate would end at " + validity.notAfter()
                    + ", after its CA certificate ends at " + caNotAfter.toInstant() + "; issue from a newer CA generation");
        }
        this.ca = ca;
        this.publicKey = publicKey;
        this.builder = new X509v3CertificateBuilder(ca.certificate().getSubject(), serial,
                Date.from(validity.notBefore()), Date.from(validity.notAfter()), subject, publicKey);
    }

    CertificateDraft keyUsage(int usages) {
        return add(Extension.keyUsage, true, new KeyUsage(usages));
    }

    /** Critical, as in JPKI: a relying party that does not know the policy must not accept the certificate. */
    CertificateDraft certificatePolicy(ASN1ObjectIdentifier policy) {
        return add(Extension.certificatePolicies, true, new CertificatePolicies(new PolicyInformation(policy)));
    }

    CertificateDraft subjectAltName(GeneralNames names) {
        return add(Extension.subjectAlternativeName, false, names);
    }

    /** C=JP, O=公的個人認証サービス: the service, in Japanese, that stands behind both hierarchies. */
    CertificateDraft issuerAltName() {
        return add(Extension.issuerAlternativeName, false,
                new GeneralNames(new GeneralName(JpkiNames.certificationService())));
    }

    CertificateDraft crlDistributionPoint(CrlPartition partition) {
        DistributionPoint point = new DistributionPoint(partition.distributionPointName(), null, null);
        return add(Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[] {point}));
    }

    /**
     * authorityKeyIdentifier copied from the CA certificate's subjectKeyIdentifier, so chains build by
     * key across CA generations; subjectKeyIdentifier by RFC 5280 method 1 (SHA-1 of the key bits).
     */
    CertificateDraft keyIdentifiers() {
        SubjectKeyIdentifier caKeyId = SubjectKeyIdentifier.fromExtensions(ca.certificate().getExtensions());
        if (caKeyId == null) {
            throw new IllegalArgumentException("CA certificate " + ca.certificate().getSubject() + " has no subjectKeyIdentifier");
        }
        add(Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(caKeyId.getKeyIdentifier()));
        return add(Extension.subjectKeyIdentifier, false, new BcX509ExtensionUtils().createSubjectKeyIdentifier(publicKey));
    }

    X509CertificateHolder sign() {
        return builder.build(ca.key().sha256WithRsa());
    }

    private CertificateDraft add(ASN1ObjectIdentifier type, boolean critical, ASN1Encodable value) {
        try {
            builder.addExtension(type, critical, value);
        } catch (CertIOException e) {
            throw new IllegalStateException("cannot encode extension " + type, e);
        }
        return this;
    }
}
