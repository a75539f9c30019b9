package jp.shomei.ocsp.signer;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import jp.shomei.ca.authority.CertificateAuthority;
import jp.shomei.keys.SigningKey;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.bc.BcX509ExtensionUtils;

/**
 * Issues the delegated OCSP signing certificate of a CA generation (RFC 6960 §4.2.2.2): signed by the
 * CA key, id-kp-OCSPSigning, and id-pkix-ocsp-nocheck so that clients do not ask about the responder's
 * own certificate; its short validity stands in for revocation checking.
 */
public final class OcspSignerCertificateFactory {

    public X509CertificateHolder issue(CertificateAuthority ca, SigningKey signerKey, BigInteger serial,
                                       Instant notBefore, Duration validity, int number) {
        X500Name issuer = ca.certificate().getSubject();
        X500Name subject = subjectFor(issuer, number);
        SubjectPublicKeyInfo publicKey = SubjectPublicKeyInfo.getInstance(signerKey.publicKey().getEncoded());
        BcX509ExtensionUtils extensionUtils = new BcX509ExtensionUtils();
        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(issuer, serial, Date.from(notBefore),
                Date.from(notBefore.plus(validity)), subject, publicKey);
        try {
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_OCSPSigning));
            builder.addExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck, false, DERNull.INSTANCE);
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    extensionUtils.createSubjectKeyIdentifier(publicKey));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    extensionUtils.createAuthorityKeyIdentifier(ca.certificate().getSubjectPublicKeyInfo()));
        } catch (CertIOException e) {
            throw new IllegalStateException("cannot encode OCSP signer certificate extension", e);
        }
        return builder.build(ca.key().sha256WithRsa());
    }

    /** The CA's DN with a CN naming the signer, so operators can tell signers apart in logs and dumps. */
    private static X500Name subjectFor(X500Name issuer, int number) {
        X500NameBuilder name = new X500NameBuilder(BCStyle.INSTANCE);
        for (var rdn : issuer.getRDNs()) {
            name.addMultiValuedRDN(rdn.getTypesAndValues());
        }
        name.addRDN(BCStyle.CN, "OCSP Responder " + number);
        return name.build();
    }
}
