package jp.shomei.ca.profile;

import java.math.BigInteger;
import java.util.regex.Pattern;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.ca.certificate.Device;
import jp.shomei.ca.authority.CertificateAuthority;
import jp.shomei.ca.authority.JpkiNameBuilder;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * The authentication certificate (利用者証明用電子証明書): proves "the same person as before" and
 * nothing else. It takes no resident data at all, so none can leak into it; even its CRL partition is
 * chosen by serial number rather than by municipality.
 */
public final class AuthenticationCertificateProfile {

    /** What {@link CommonNames#forAuthentication} produces; anything else might carry personal data. */
    private static final Pattern OPAQUE_COMMON_NAME = Pattern.compile("[0-9A-F]{32}");

    private final CrlBaseUrl crlBaseUrl;

    /** @param crlBaseUrl see {@link CrlBaseUrl}; an unusable URL fails here, at start-up */
    public AuthenticationCertificateProfile(String crlBaseUrl) {
        this.crlBaseUrl = new CrlBaseUrl(crlBaseUrl);
    }

    /**
     * Issues C=JP, CN=&lt;commonName&gt; with keyUsage critical {digitalSignature}, the authentication policy
     * (critical), issuerAltName, the serial's CRL partition and key identifiers; no subjectAltName.
     */
    public X509CertificateHolder issue(CertificateAuthority ca, BigInteger serial, Validity validity,
                                       String commonName, SubjectPublicKeyInfo publicKey) {
        return issue(ca, serial, validity, commonName, publicKey, Device.CARD);
    }

    /** The same for a key on the given device: a phone's certificate carries the phone authentication policy instead. */
    public X509CertificateHolder issue(CertificateAuthority ca, BigInteger serial, Validity validity,
                                       String commonName, SubjectPublicKeyInfo publicKey, Device device) {
        if (!OPAQUE_COMMON_NAME.matcher(commonName).matches()) {
            throw new IllegalArgumentException("authentication common name must be 32 uppercase hex digits (see CommonNames)");
        }
        X500Name subject = JpkiNameBuilder.japan().commonName(commonName).build();
        return new CertificateDraft(ca, CaKind.AUTHENTICATION, serial, validity, subject, publicKey)
                .keyUsage(KeyUsage.digitalSignature)
                .certificatePolicy(device == Device.PHONE ? JpkiOids.PHONE_AUTHENTICATION_POLICY
                        : JpkiOids.AUTHENTICATION_POLICY)
                .issuerAltName()
                .crlDistributionPoint(CrlPartition.forAuthentication(serial, crlBaseUrl))
                .keyIdentifiers()
                .sign();
    }
}
