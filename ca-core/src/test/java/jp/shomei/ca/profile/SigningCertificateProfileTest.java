package jp.shomei.ca.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import jp.shomei.ca.Problem;
import jp.shomei.ca.RefusedException;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.ca.authority.CertificateAuthority;
import jp.shomei.ca.authority.OpenSsl;
import jp.shomei.ca.authority.TestAuthorities;
import jp.shomei.ca.request.CertificationRequests;
import jp.shomei.ca.resident.BasicFour;
import jp.shomei.ca.resident.FlaggedText;
import jp.shomei.ca.resident.Municipality;
import jp.shomei.ca.resident.Sex;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A signing certificate for a key made by the real openssl, judged by the real openssl. */
class SigningCertificateProfileTest {

    private static final Instant ISSUED = Instant.parse("2026-04-02T01:15:30Z");
    private static final BigInteger SERIAL = new BigInteger("1234567890abcdef1234567890abcdef", 16);
    private static final Municipality CHIYODA = new Municipality("131016", "東京都", "千代田区", "Tokyo-to", "Chiyoda-ku");
    private static final BasicFour RESIDENT = new BasicFour(
            new FlaggedText("山田　𠮷郎", "00010"), LocalDate.of(1985, 4, 2), Sex.MALE,
            FlaggedText.unsubstituted("東京都千代田区千代田１－１"));
    private static final String COMMON_NAME = "20260402101530" + "00000042" + "131016";

    @TempDir
    static Path directory;
    private static CertificateAuthority ca;
    private static SubjectPublicKeyInfo residentKey;
    private static X509CertificateHolder certificate;

    private final SigningCertificateProfile profile = new SigningCertificateProfile("http://crl.shomei.example");

    @BeforeAll
    static void issueForAnOpensslRequest() throws IOException {
        ca = TestAuthorities.create(CaKind.SIGNING, directory.resolve("keys"), Clock.fixed(Instant.parse("2026-04-01T00:00:00Z"), ZoneOffset.UTC));
        OpenSsl.succeed(directory, "req", "-new", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=x",
                "-keyout", "resident.key", "-out", "resident.csr");
        residentKey = CertificationRequests.publicKeyFromPem(Files.readString(directory.resolve("resident.csr")));
        certificate = new SigningCertificateProfile("http://crl.shomei.example").issue(
                ca, SERIAL, ValidityPolicy.forIssue(ISSUED, RESIDENT.dateOfBirth(), LocalDate.of(2035, 4, 2)),
                COMMON_NAME, CHIYODA, RESIDENT, residentKey);
        OpenSsl.writePem(directory, "ca.pem", ca.certificate());
        OpenSsl.writePem(directory, "signing.pem", certificate);
    }

    @Test
    void opensslVerifiesItAgainstTheSigningCaUnderStrictChecks() {
        String output = OpenSsl.succeed(directory, "verify", "-x509_strict", "-attime", Long.toString(ISSUED.getEpochSecond() + 60),
                "-CAfile", "ca.pem", "signing.pem");

        assertThat(output.strip()).isEqualTo("signing.pem: OK");
    }

    @Test
    void itCertifiesTheKeyFromTheRequestUnderTheSerialAndValidityGiven() {
        assertThat(certificate.getSubjectPublicKeyInfo()).isEqualTo(residentKey);
        assertThat(certificate.getSerialNumber()).isEqualTo(SERIAL);
        assertThat(certificate.getIssuer()).isEqualTo(ca.certificate().getSubject());
        assertThat(certificate.getNotBefore().toInstant()).isEqualTo(ISSUED);
        assertThat(certificate.getNotAfter().toInstant()).isEqualTo(Instant.parse("2031-04-02T14:59:59Z"));
    }

    @Test
    void theSubjectIsCountryPrefectureMunicipalityAndCommonNameAndNothingFromTheRequest() {
        String subject = OpenSsl.succeed(directory, "x509", "-in", "signing.pem", "-noout", "-subject",
                "-nameopt", "sep_comma_plus_space,show_type");

        assertThat(subject.strip()).isEqualTo("subject=C=PRINTABLESTRING:JP, L=UTF8STRING:Tokyo-to, L=UTF8STRING:Chiyoda-ku, CN=UTF8STRING:"
                + COMMON_NAME);
    }

    @Test
    void theBasicFourAreSixOtherNamesWithUtf8ValuesInJpkiOrder() {
        String alternativeName = OpenSsl.asn1parseExtension(directory, "signing.pem", "X509v3 Subject Alternative Name");

        assertThat(otherNames(alternativeName)).containsExactly(
                "1.2.392.200149.8.5.5.1 = 山田　𠮷郎",
                "1.2.392.200149.8.5.5.2 = 00010",
                "1.2.392.200149.8.5.5.3 = 1",
                "1.2.392.200149.8.5.5.4 = 319850402",
                "1.2.392.200149.8.5.5.5 = 東京都千代田区千代田１－１",
                "1.2.392.200149.8.5.5.6 = 0000000000000");
    }

    @Test
    void keyUsagePolicyAndDistributionPointAreTheJpkiSigningProfile() {
        String text = OpenSsl.succeed(directory, "x509", "-in", "signing.pem", "-noout", "-ext",
                "keyUsage,certificatePolicies,crlDistributionPoints,authorityKeyIdentifier,subjectKeyIdentifier");

        assertThat(text)
                .contains("X509v3 Key Usage: critical\n    Digital Signature, Non Repudiation\n")
                .contains("X509v3 Certificate Policies: critical\n    Policy: 1.2.392.200149.8.5.1.1.20\n")
                .contains("DirName:C = JP, O = JPKI, OU = JPKI for digital signature, OU = CRL Distribution Points, "
                        + "OU = Tokyo-to, CN = Chiyoda-ku CRLDP\n")
                .contains("URI:http://crl.shomei.example/crl/sign/131016.crl\n")
                .contains("X509v3 Authority Key Identifier")
                .contains("X509v3 Subject Key Identifier");
    }

    @Test
    void theIssuerAlternativeNameIsTheServiceInJapanese() {
        String issuerAltName = OpenSsl.asn1parseExtension(directory, "signing.pem", "X509v3 Issuer Alternative Name");

        assertThat(issuerAltName).contains("PRINTABLESTRING   :JP").contains("UTF8STRING        :公的個人認証サービス");
        assertThat(issuerAltName.lines().filter(line -> line.contains("STRING"))).hasSize(2);
    }

    @Test
    void extensionsComeInProfileOrderWithJpkiCriticality() {
        List<String> extensions = new ArrayList<>();
        for (var oid : certificate.getExtensions().getExtensionOIDs()) {
            extensions.add(oid.getId() + (certificate.getExtension(oid).isCritical() ? " critical" : ""));
        }

        assertThat(extensions).containsExactly(
                "2.5.29.15 critical", // keyUsage
                "2.5.29.32 critical", // certificatePolicies
                "2.5.29.17",          // subjectAltName
                "2.5.29.18",          // issuerAltName
                "2.5.29.31",          // cRLDistributionPoints
                "2.5.29.35",          // authorityKeyIdentifier
                "2.5.29.14");         // subjectKeyIdentifier
    }

    @Test
    void aNameOfAHundredCharactersFitsButOneMoreIsRefused() {
        assertThat(issueFor(withName("名".repeat(BasicFour.MAX_NAME_LENGTH)))).isNotNull();

        assertThatThrownBy(() -> issueFor(withName("𠮷".repeat(BasicFour.MAX_NAME_LENGTH + 1))))
                .isInstanceOfSatisfying(RefusedException.class, e -> assertThat(e.problem()).isEqualTo(Problem.INVALID_FIELD))
                .hasMessage("name has 101 characters; a signing certificate holds at most 100");
    }

    @Test
    void anAddressOverTwoHundredCharactersOrAnEmptyNameIsRefused() {
        BasicFour longAddress = new BasicFour(RESIDENT.name(), RESIDENT.dateOfBirth(), RESIDENT.sex(),
                FlaggedText.unsubstituted("東".repeat(BasicFour.MAX_ADDRESS_LENGTH + 1)));

        assertThatThrownBy(() -> issueFor(longAddress))
                .isInstanceOfSatisfying(RefusedException.class, e -> assertThat(e.problem()).isEqualTo(Problem.INVALID_FIELD))
                .hasMessage("address has 201 characters; a signing certificate holds at most 200");
        assertThatThrownBy(() -> issueFor(withName("")))
                .isInstanceOfSatisfying(RefusedException.class, e -> assertThat(e.problem()).isEqualTo(Problem.INVALID_FIELD))
                .hasMessage("name is empty");
    }

    @Test
    void onlyTheSigningCaIssuesSigningCertificates() {
        CertificateAuthority authenticationCa = new CertificateAuthority(CaKind.AUTHENTICATION, ca.certificate(), ca.key());

        assertThatThrownBy(() -> profile.issue(authenticationCa, SERIAL, validity(), COMMON_NAME, CHIYODA, RESIDENT, residentKey))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SIGNING certificates must be issued by a SIGNING CA, not AUTHENTICATION");
    }

    @Test
    void aCertificateMayNotOutliveItsCa() {
        Validity beyondCa = new Validity(ISSUED, ca.certificate().getNotAfter().toInstant().plusSeconds(1));

        assertThatThrownBy(() -> profile.issue(ca, SERIAL, beyondCa, COMMON_NAME, CHIYODA, RESIDENT, residentKey))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("after its CA certificate ends");
    }

    @Test
    void aCrlBaseUrlEndingInASlashIsRejectedAtConstruction() {
        assertThatThrownBy(() -> new SigningCertificateProfile("http://crl.shomei.example/"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("CRL base URL 'http://crl.shomei.example/' ends with '/'");
    }

    private X509CertificateHolder issueFor(BasicFour resident) {
        return profile.issue(ca, SERIAL, validity(), COMMON_NAME, CHIYODA, resident, residentKey);
    }

    private static Validity validity() {
        return ValidityPolicy.forIssue(ISSUED, RESIDENT.dateOfBirth(), LocalDate.of(2035, 4, 2));
    }

    private static BasicFour withName(String name) {
        return new BasicFour(FlaggedText.unsubstituted(name), RESIDENT.dateOfBirth(), RESIDENT.sex(), RESIDENT.address());
    }

    /** "type-id = value" for each otherName in asn1parse output: an OBJECT line followed by a UTF8STRING line. */
    private static List<String> otherNames(String asn1parse) {
        List<String> names = new ArrayList<>();
        String typeId = null;
        for (String line : asn1parse.lines().toList()) {
            if (line.contains("OBJECT")) {
                typeId = value(line);
            } else if (line.contains("UTF8STRING")) {
                names.add(typeId + " = " + value(line));
            }
        }
        return names;
    }

    private static String value(String asn1parseLine) {
        return asn1parseLine.substring(asn1parseLine.indexOf(':', asn1parseLine.indexOf("prim:") + 5) + 1);
    }
}
