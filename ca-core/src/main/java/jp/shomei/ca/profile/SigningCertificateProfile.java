package jp.shomei.ca.profile;

import java.math.BigInteger;
import java.util.regex.Pattern;
import jp.shomei.ca.RefusedException;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.ca.certificate.Device;
import jp.shomei.ca.authority.CertificateAuthority;
import jp.shomei.ca.authority.JpkiNameBuilder;
import jp.shomei.ca.resident.BasicFour;
import jp.shomei.ca.resident.Municipality;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * The signing certificate (署名用電子証明書): names the holder by municipality and carries the basic
 * four information, so that a signature can be tied to a person.
 */
public final class SigningCertificateProfile {

    /** What {@link CommonNames#forSigning} produces: 14-digit JST time, 8-digit sequence, 6-digit code. */
    private static final Pattern COMMON_NAME = Pattern.compile("[0-9]{28}");

    private final CrlBaseUrl crlBaseUrl;

    /** @param crlBaseUrl see {@link CrlBaseUrl}; an unusable URL fails here, at start-up */
    public SigningCertificateProfile(String crlBaseUrl) {
        this.crlBaseUrl = new CrlBaseUrl(crlBaseUrl);
    }

    /**
     * Issues C=JP, L=&lt;prefecture&gt;, L=&lt;municipality&gt;, CN=&lt;commonName&gt; with keyUsage critical
     * {digitalSignature, nonRepudiation}, the signing policy (critical), the basic four in
     * subjectAltName, issuerAltName, the municipality's CRL distribution point and key identifiers.
     *
     * @throws RefusedException INVALID_FIELD if the name or address does not fit the certificate
     */
    public X509CertificateHolder issue(CertificateAuthority ca, BigInteger serial, Validity validity, String commonName,
                                       Municipality municipality, BasicFour basicFour, SubjectPublicKeyInfo publicKey) {
        return issue(ca, serial, validity, commonName, municipality, basicFour, publicKey, Device.CARD);
    }

    /** The same for a key on the given device: a phone's certificate carries the phone signing policy instead. */
    public X509CertificateHolder issue(CertificateAuthority ca, BigInteger serial, Validity validity, String commonName,
                                       Municipality municipality, BasicFour basicFour, SubjectPublicKeyInfo publicKey,
                                       Device device) {
        if (!COMMON_NAME.matcher(commonName).matches()) {
            throw new IllegalArgumentException("signing common name must be 28 digits (see CommonNames): " + commonName);
        }
        X500Name subject = JpkiNameBuilder.japan()
                .locality(municipality.prefectureRomaji())
                .locality(municipality.nameRomaji())
                .commonName(commonName)
                .build();
        return new CertificateDraft(ca, CaKind.SIGNING, serial, validity, subject, publicKey)
                .keyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation)
                .certificatePolicy(device == Device.PHONE ? JpkiOids.PHONE_SIGNING_POLICY : JpkiOids.SIGNING_POLICY)
                .subjectAltName(BasicFourAltName.of(basicFour))
                .issuerAltName()
                .crlDistributionPoint(CrlPartition.forSigning(municipality, crlBaseUrl))
                .keyIdentifiers()
                .sign();
    }
}
