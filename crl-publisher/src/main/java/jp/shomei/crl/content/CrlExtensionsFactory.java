package jp.shomei.crl.content;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * The CRL extensions of RFC 5280 section 5.2 as Shomei writes them. Full and delta CRLs of a scope
 * carry the same critical issuingDistributionPoint and authorityKeyIdentifier, which is how a
 * relying party (OpenSSL among them) pairs a delta with its base.
 */
public final class CrlExtensionsFactory {

    private final AuthorityKeyIdentifier authorityKeyIdentifier;

    /** @param caCertificate the certificate of the CA key that signs the CRLs */
    public CrlExtensionsFactory(X509CertificateHolder caCertificate) {
        SubjectKeyIdentifier ski = SubjectKeyIdentifier.fromExtensions(caCertificate.getExtensions());
        if (ski == null) {
            throw new IllegalArgumentException("CA certificate " + caCertificate.getSubject()
                    + " has no subjectKeyIdentifier to name in CRLs");
        }
        this.authorityKeyIdentifier = new AuthorityKeyIdentifier(ski.getKeyIdentifier());
    }

    /** A complete CRL: its number and, where the scope has deltas, freshestCRL pointing at them. */
    public Extensions full(CrlScope scope, long crlNumber) {
        ExtensionsGenerator extensions = common(scope, crlNumber);
        scope.deltaUrl().ifPresent(url -> add(extensions, Extension.freshestCRL, false, new CRLDistPoint(
                new DistributionPoint[] {new DistributionPoint(new DistributionPointName(new GeneralNames(
                        new GeneralName(GeneralName.uniformResourceIdentifier, url))), null, null)})));
        return extensions.generate();
    }

    /** A delta CRL: its number and, critical, the number of the complete CRL it updates. */
    public Extensions delta(CrlScope scope, long crlNumber, long baseCrlNumber) {
        if (!scope.hasDeltas()) {
            throw new IllegalArgumentException("scope " + scope.key() + " has no delta CRLs");
        }
        if (baseCrlNumber >= crlNumber) {
            throw new IllegalArgumentException("delta CRL number " + crlNumber + " must exceed its base " + baseCrlNumber);
        }
        ExtensionsGenerator extensions = common(scope, crlNumber);
        add(extensions, Extension.deltaCRLIndicator, true, new CRLNumber(BigInteger.valueOf(baseCrlNumber)));
        return extensions.generate();
    }

    private ExtensionsGenerator common(CrlScope scope, long crlNumber) {
        ExtensionsGenerator extensions = new ExtensionsGenerator();
        add(extensions, Extension.authorityKeyIdentifier, false, authorityKeyIdentifier);
        add(extensions, Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(crlNumber)));
        add(extensions, Extension.issuingDistributionPoint, true, scope.issuingDistributionPoint());
        return extensions;
    }

    private static void add(ExtensionsGenerator extensions, org.bouncycastle.asn1.ASN1ObjectIdentifier oid,
                            boolean critical, org.bouncycastle.asn1.ASN1Encodable value) {
        try {
            extensions.addExtension(oid, critical, value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode CRL extension " + oid, e);
        }
    }
}
