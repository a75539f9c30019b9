package jp.shomei.ca.authority;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import jp.shomei.keys.SigningKey;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1UTCTime;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.util.io.pem.PemReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Our CA certificates against the real JPKI 2023 CA certificates, which they must match but for key, serial, dates and signature. */
class CaCertificateFactoryTest {

    private static final BigInteger SERIAL = new BigInteger("7f3a9c", 16);

    @TempDir
    static Path keyDirectory;

    private static final Map<CaKind, SigningKey> KEYS = new EnumMap<>(CaKind.class);

    @BeforeAll
    static void generateOneKeyPerKind() {
        for (CaKind kind : CaKind.values()) {
            KEYS.put(kind, TestAuthorities.newKey(keyDirectory, "ca-" + kind.pathName()));
        }
    }

    @ParameterizedTest
    @EnumSource(CaKind.class)
    void subjectAndIssuerAreTheRealCaNameAttributeByAttributeWithTheSameStringTypes(CaKind kind) {
        X509CertificateHolder real = realCertificate(kind);
        X509CertificateHolder ours = selfSignedAt(kind, real.getNotBefore().toInstant());

        assertThat(attributes(ours.getSubject())).containsExactlyElementsOf(attributes(real.getSubject()));
        assertThat(attributes(ours.getIssuer())).containsExactlyElementsOf(attributes(real.getIssuer()));
        assertThat(attributes(ours.getSubject())).first().isEqualTo("2.5.4.6 PrintableString JP");
        assertThat(der(ours.getSubject())).isEqualTo(der(real.getSubject()));
    }

    @ParameterizedTest
    @EnumSource(CaKind.class)
    void extensionsAreTheRealOnesInOrderWithTheSameCriticalityAndDerValuesButTheKeyIdentifier(CaKind kind) {
        X509CertificateHolder real = realCertificate(kind);
        X509CertificateHolder ours = selfSignedAt(kind, real.getNotBefore().toInstant());

        assertThat(extensions(ours)).containsExactlyElementsOf(extensions(real));
        assertThat(ours.getExtension(Extension.authorityKeyIdentifier)).as("no AKI, as in the real certificates").isNull();
    }

    @ParameterizedTest
    @EnumSource(CaKind.class)
    void subjectKeyIdentifierIsTheSha1OfTheSubjectPublicKeyBitString(CaKind kind) throws NoSuchAlgorithmException {
        X509CertificateHolder ours = selfSignedAt(kind, Instant.parse("2026-04-01T00:00:00Z"));

        byte[] keyBits = ours.getSubjectPublicKeyInfo().getPublicKeyData().getBytes();
        byte[] expected = MessageDigest.getInstance("SHA-1").digest(keyBits);
        assertThat(SubjectKeyIdentifier.fromExtensions(ours.getExtensions()).getKeyIdentifier()).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(CaKind.class)
    void versionAndSignatureAlgorithmAreTheRealOnes(CaKind kind) {
        X509CertificateHolder real = realCertificate(kind);
        X509CertificateHolder ours = selfSignedAt(kind, real.getNotBefore().toInstant());

        assertThat(ours.getVersionNumber()).isEqualTo(3);
        assertThat(der(ours.getSignatureAlgorithm())).isEqualTo(der(real.getSignatureAlgorithm()));
        assertThat(der(ours.toASN1Structure().getTBSCertificate().getSignature()))
                .isEqualTo(der(real.toASN1Structure().getTBSCertificate().getSignature()));
        assertThat(ours.getSerialNumber()).isEqualTo(SERIAL);
    }

    @ParameterizedTest
    @EnumSource(CaKind.class)
    void issuedAtTheRealNotBeforeItEndsWhenTheRealCertificateEndsEncodedTheSameWay(CaKind kind) {
        X509CertificateHolder real = realCertificate(kind);
        X509CertificateHolder ours = selfSignedAt(kind, real.getNotBefore().toInstant());

        TBSCertificate ourTimes = ours.toASN1Structure().getTBSCertificate();
        TBSCertificate realTimes = real.toASN1Structure().getTBSCertificate();
        assertThat(ourTimes.getStartDate().toASN1Primitive()).isInstanceOf(ASN1UTCTime.class);
        assertThat(der(ourTimes.getStartDate())).isEqualTo(der(realTimes.getStartDate()));
        assertThat(der(ourTimes.getEndDate())).isEqualTo(der(realTimes.getEndDate()));
    }

    @ParameterizedTest(name = "issued {0} -> valid until {1}")
    @CsvSource({
        "2023-07-16T00:50:27.999Z, 2023-07-16T00:50:27Z, 2033-07-15T14:59:59Z",
        // midnight in Japan is 15:00 UTC the day before: the JST date decides
        "2023-07-15T15:00:00Z,     2023-07-15T15:00:00Z, 2033-07-15T14:59:59Z",
        "2023-07-15T14:59:59Z,     2023-07-15T14:59:59Z, 2033-07-14T14:59:59Z",
        // no 29 February in 2034: the period ends on the last day of February (Civil Code art. 143)
        "2024-02-29T03:00:00Z,     2024-02-29T03:00:00Z, 2034-02-28T14:59:59Z",
        // the day before 1 March 2032 is 29 February
        "2022-03-01T03:00:00Z,     2022-03-01T03:00:00Z, 2032-02-29T14:59:59Z",
    })
    void itIsValidFromNowToTheEndOfTheJstDayBeforeTheTenthAnniversary(Instant now, Instant notBefore, Instant notAfter) {
        X509CertificateHolder ours = selfSignedAt(CaKind.SIGNING, now);

        assertThat(ours.getNotBefore().toInstant()).isEqualTo(notBefore);
        assertThat(ours.getNotAfter().toInstant()).isEqualTo(notAfter);
    }

    @ParameterizedTest
    @EnumSource(CaKind.class)
    void opensslVerifiesItAsItsOwnTrustAnchorUnderStrictChecks(CaKind kind, @TempDir Path directory) {
        Instant issued = Instant.parse("2026-04-01T00:00:00Z");
        X509CertificateHolder ours = selfSignedAt(kind, issued);
        OpenSsl.writePem(directory, "ours.pem", ours);

        String output = OpenSsl.succeed(directory, "verify", "-x509_strict",
                "-attime", Long.toString(issued.plusSeconds(3600).getEpochSecond()),
                "-CAfile", "ours.pem", "ours.pem");

        assertThat(output.strip()).isEqualTo("ours.pem: OK");
    }

    @Test
    void opensslReadsTheJapaneseAlternativeNameAsUtf8StringsAfterAPrintableCountry(@TempDir Path directory) {
        X509CertificateHolder ours = selfSignedAt(CaKind.AUTHENTICATION, Instant.parse("2026-04-01T00:00:00Z"));
        OpenSsl.writePem(directory, "ours.pem", ours);

        String alternativeName = OpenSsl.asn1parseExtension(directory, "ours.pem", "X509v3 Subject Alternative Name");

        assertThat(alternativeName.lines().filter(line -> line.contains("STRING")).map(line -> line.replaceAll(".*prim: +", "")))
                .containsExactly(
                        "PRINTABLESTRING   :JP",
                        "UTF8STRING        :公的個人認証サービス",
                        "UTF8STRING        :公的個人認証サービス利用者証明用",
                        "UTF8STRING        :地方公共団体情報システム機構");
    }

    private static X509CertificateHolder selfSignedAt(CaKind kind, Instant now) {
        CaCertificateFactory factory = new CaCertificateFactory(Clock.fixed(now, ZoneOffset.UTC));
        CertificateAuthority authority = factory.selfSign(kind, KEYS.get(kind), SERIAL);
        assertThat(authority.kind()).isEqualTo(kind);
        assertThat(authority.key()).isSameAs(KEYS.get(kind));
        return authority.certificate();
    }

    /** "OID ASN.1-type value" per attribute, in RDN order. */
    private static List<String> attributes(X500Name name) {
        List<String> attributes = new ArrayList<>();
        for (RDN rdn : name.getRDNs()) {
            for (AttributeTypeAndValue attribute : rdn.getTypesAndValues()) {
                ASN1Encodable value = attribute.getValue();
                attributes.add(attribute.getType().getId() + " " + value.toASN1Primitive().getClass().getSimpleName()
                        .replace("DER", "").replace("ASN1", "") + " " + value);
            }
        }
        return attributes;
    }

    /** "OID critical|non-critical DER-hex" per extension, in order; the key identifier only by its presence. */
    private static List<String> extensions(X509CertificateHolder certificate) {
        List<String> extensions = new ArrayList<>();
        for (ASN1ObjectIdentifier oid : certificate.getExtensions().getExtensionOIDs()) {
            Extension extension = certificate.getExtension(oid);
            String value = extension.getExtnId().equals(Extension.subjectKeyIdentifier)
                    ? "(20-byte key identifier)"
                    : HexFormat.of().formatHex(extension.getExtnValue().getOctets());
            extensions.add(extension.getExtnId().getId() + (extension.isCritical() ? " critical " : " non-critical ") + value);
        }
        return extensions;
    }

    private static byte[] der(ASN1Encodable value) {
        try {
            return value.toASN1Primitive().getEncoded("DER");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static X509CertificateHolder realCertificate(CaKind kind) {
        String resource = kind.pathName() + "_ca_2023.pem";
        try (InputStream in = CaCertificateFactoryTest.class.getResourceAsStream(resource);
             PemReader pem = new PemReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            return new X509CertificateHolder(pem.readPemObject().getContent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the real JPKI certificate " + resource, e);
        }
    }
}
