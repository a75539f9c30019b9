package jp.shomei.ca.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.ca.authority.CertificateAuthority;
import jp.shomei.ca.authority.OpenSsl;
import jp.shomei.ca.authority.TestAuthorities;
import jp.shomei.ca.request.CertificationRequests;
import jp.shomei.ca.resident.BasicFour;
import jp.shomei.ca.resident.FlaggedText;
import jp.shomei.ca.resident.Municipality;
import jp.shomei.ca.resident.Sex;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An authentication certificate proves "the same person" and must say nothing else about them. */
class AuthenticationCertificateProfileTest {

    private static final Instant ISSUED = Instant.parse("2026-04-02T01:15:30Z");
    // ends in 0x47 = 71, and 71 mod 64 = 7: CRL bucket b07
    private static final BigInteger SERIAL = new BigInteger("5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a47", 16);
    private static final Municipality CHIYODA = new Municipality("131016", "東京都", "千代田区", "Tokyo-to", "Chiyoda-ku");
    private static final BasicFour RESIDENT = new BasicFour(
            FlaggedText.unsubstituted("山田　太郎"), LocalDate.of(1985, 4, 2), Sex.MALE,
            FlaggedText.unsubstituted("東京都千代田区千代田１－１"));
    // fixed rather than drawn, so that no random digits can ever look like a date of birth or municipality code
    private static final String COMMON_NAME = "3F2A9C4E7B1D0A5E6C8F2B4D1E7A9C3B";

    @TempDir
    static Path directory;
    private static CertificateAuthority ca;
    private static SubjectPublicKeyInfo residentKey;
    private static X509CertificateHolder certificate;

    @BeforeAll
    static void issueForAnOpensslRequest() throws IOException {
        ca = TestAuthorities.create(CaKind.AUTHENTICATION, directory.resolve("keys"),
                Clock.fixed(Instant.parse("2026-04-01T00:00:00Z"), ZoneOffset.UTC));
        OpenSsl.succeed(directory, "req", "-new", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=x",
                "-keyout", "resident.key", "-out", "resident.csr");
        residentKey = CertificationRequests.publicKeyFromPem(Files.readString(directory.resolve("resident.csr")));
        // the same resident and card as a signing certificate would be issued for
        Validity validity = ValidityPolicy.forIssue(ISSUED, RESIDENT.dateOfBirth(), LocalDate.of(2035, 4, 2));
        certificate = new AuthenticationCertificateProfile("http://crl.shomei.example")
                .issue(ca, SERIAL, validity, COMMON_NAME, residentKey);
        OpenSsl.writePem(directory, "ca.pem", ca.certificate());
        OpenSsl.writePem(directory, "authentication.pem", certificate);
    }

    @Test
    void opensslVerifiesItAgainstTheAuthenticationCaUnderStrictChecks() {
        String output = OpenSsl.succeed(directory, "verify", "-x509_strict", "-attime", Long.toString(ISSUED.getEpochSecond() + 60),
                "-CAfile", "ca.pem", "authentication.pem");

        assertThat(output.strip()).isEqualTo("authentication.pem: OK");
    }

    @Test
    void theSubjectIsTheCountryAndTheOpaqueIdentifierOnly() {
        String subject = OpenSsl.succeed(directory, "x509", "-in", "authentication.pem", "-noout", "-subject",
                "-nameopt", "sep_comma_plus_space,show_type");

        assertThat(subject.strip()).isEqualTo("subject=C=PRINTABLESTRING:JP, CN=UTF8STRING:" + COMMON_NAME);
        assertThat(certificate.getSubjectPublicKeyInfo()).isEqualTo(residentKey);
    }

    @Test
    void itHasNoSubjectAlternativeName() {
        String text = OpenSsl.succeed(directory, "x509", "-in", "authentication.pem", "-noout", "-text");

        assertThat(text).doesNotContain("Subject Alternative Name");
        assertThat(certificate.getExtension(Extension.subjectAlternativeName)).isNull();
    }

    @Test
    void noBasicFourInformationAppearsAnywhereInItsBytesInAnyEncoding() throws IOException {
        byte[] der = certificate.getEncoded();
        List<String> personalData = List.of(
                RESIDENT.name().text(), "山田", "太郎", RESIDENT.address().text(), "千代田",
                "19850402", JapaneseEra.dateOfBirthCode(RESIDENT.dateOfBirth()), "850402", "昭和60");

        for (String data : personalData) {
            assertThat(contains(der, data.getBytes(StandardCharsets.UTF_8))).as("UTF-8 of %s", data).isFalse();
            assertThat(contains(der, data.getBytes(StandardCharsets.UTF_16BE))).as("UTF-16 (BMPString) of %s", data).isFalse();
        }
    }

    @Test
    void neitherTheMunicipalityNameNorItsCodeAppearsNotEvenInTheCrlDistributionPoint() throws IOException {
        String text = OpenSsl.succeed(directory, "x509", "-in", "authentication.pem", "-noout", "-text");
        byte[] der = certificate.getEncoded();

        for (String municipality : List.of(CHIYODA.code(), CHIYODA.nameRomaji(), "Chiyoda", CHIYODA.prefectureRomaji(),
                "Tokyo", CHIYODA.nameKanji(), CHIYODA.prefectureKanji())) {
            assertThat(text).doesNotContain(municipality);
            assertThat(contains(der, municipality.getBytes(StandardCharsets.UTF_8))).as(municipality).isFalse();
        }
        assertThat(text)
                .contains("DirName:C = JP, O = JPKI, OU = JPKI for user authentication, OU = CRL Distribution Points, "
                        + "CN = Partition b07 CRLDP\n")
                .contains("URI:http://crl.shomei.example/crl/auth/b07.crl\n");
    }

    @Test
    void keyUsageAndPolicyAreTheJpkiAuthenticationProfile() {
        String text = OpenSsl.succeed(directory, "x509", "-in", "authentication.pem", "-noout", "-ext", "keyUsage,certificatePolicies");

        assertThat(text)
                .contains("X509v3 Key Usage: critical\n    Digital Signature\n")
                .contains("X509v3 Certificate Policies: critical\n    Policy: 1.2.392.200149.8.5.1.3.30\n");
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
                "2.5.29.18",          // issuerAltName
                "2.5.29.31",          // cRLDistributionPoints
                "2.5.29.35",          // authorityKeyIdentifier
                "2.5.29.14");         // subjectKeyIdentifier
    }

    @Test
    void aCommonNameThatIsNotAnOpaqueIdentifierIsRejectedWithoutRepeatingIt() {
        AuthenticationCertificateProfile profile = new AuthenticationCertificateProfile("http://crl.shomei.example");
        Validity validity = new Validity(ISSUED, ISSUED.plusSeconds(86_400));

        assertThatThrownBy(() -> profile.issue(ca, SERIAL, validity, "YAMADA TARO", residentKey))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("authentication common name must be 32 uppercase hex digits (see CommonNames)");
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return true;
            }
        }
        return false;
    }
}
