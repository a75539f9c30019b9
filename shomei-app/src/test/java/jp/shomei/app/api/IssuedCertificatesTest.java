package jp.shomei.app.api;

import static jp.shomei.app.support.RunningShomei.CHIYODA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import jp.shomei.app.support.ApiBodies;
import jp.shomei.app.support.Csrs;
import jp.shomei.app.support.MunicipalClient;
import jp.shomei.app.support.RunningShomei;
import jp.shomei.ca.authority.OpenSsl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the two certificates issued through the municipal API say, judged by openssl and the JDK's
 * PKIX validator: one resident, Taro Yamada of Chiyoda-ku, enrolled once for both kinds from
 * requests that openssl made.
 */
class IssuedCertificatesTest {

    private static final String BASIC_FOUR_ARC = "1.2.392.200149.8.5.5";

    @TempDir
    static Path root;
    static RunningShomei shomei;
    static MunicipalClient chiyoda;
    static Path work;

    static MunicipalClient.Response signingEnrollment;
    static MunicipalClient.Response authenticationEnrollment;

    @BeforeAll
    static void enrollTaroForBothKinds() throws Exception {
        shomei = RunningShomei.start(root);
        chiyoda = shomei.as(CHIYODA);
        work = shomei.work;
        String taro = shomei.newResidentCode();
        assertThat(chiyoda.put("/v1/residents/" + taro, ApiBodies.taroInChiyoda()).status()).isEqualTo(201);
        signingEnrollment = chiyoda.post("/v1/residents/" + taro + "/certificates",
                ApiBodies.enrollment("sign", Csrs.byOpenssl(work, "taro-sign")));
        authenticationEnrollment = chiyoda.post("/v1/residents/" + taro + "/certificates",
                ApiBodies.enrollment("auth", Csrs.byOpenssl(work, "taro-auth")));
        Files.writeString(work.resolve("taro-sign.pem"), certificatePem(signingEnrollment), StandardCharsets.US_ASCII);
        Files.writeString(work.resolve("taro-auth.pem"), certificatePem(authenticationEnrollment), StandardCharsets.US_ASCII);
        Files.writeString(work.resolve("sign-ca.pem"), caPem("sign"), StandardCharsets.US_ASCII);
        Files.writeString(work.resolve("auth-ca.pem"), caPem("auth"), StandardCharsets.US_ASCII);
    }

    @AfterAll
    static void stop() {
        if (shomei != null) {
            shomei.close();
        }
    }

    @Test
    void aSigningCertificateIsIssuedForAnOpensslRequestAndOpensslVerifiesItAgainstTheSigningCa() {
        assertThat(signingEnrollment.status()).isEqualTo(201);
        assertThat(signingEnrollment.contentType()).startsWith("application/json");
        JsonObject issued = signingEnrollment.json();
        assertThat(issued.getString("ca")).isEqualTo("sign");
        assertThat(issued.getString("status")).isEqualTo("good");
        assertThat(issued.getString("municipalityCode")).isEqualTo(CHIYODA);

        String verdict = OpenSsl.succeed(work, "verify", "-x509_strict", "-attime", atClock(),
                "-CAfile", "sign-ca.pem", "taro-sign.pem");
        assertThat(verdict.strip()).isEqualTo("taro-sign.pem: OK");
        // the signing certificate belongs to the signing hierarchy only
        assertThat(OpenSsl.run(work, "verify", "-attime", atClock(), "-CAfile", "auth-ca.pem", "taro-sign.pem")
                .succeeded()).isFalse();
        // the certificate issued is the one the request's key belongs to
        assertThat(OpenSsl.succeed(work, "x509", "-in", "taro-sign.pem", "-noout", "-pubkey"))
                .isEqualTo(OpenSsl.succeed(work, "pkey", "-in", "taro-sign.key.pem", "-pubout"));
    }

    @Test
    void theSigningCertificateCarriesTheSixBasicFourOtherNamesWithNameAndAddressAsUtf8Strings() {
        String altName = OpenSsl.asn1parseExtension(work, "taro-sign.pem", "X509v3 Subject Alternative Name");

        for (int field = 1; field <= 6; field++) {
            assertThat(altName).contains(":" + BASIC_FOUR_ARC + "." + field + "\n");
        }
        assertThat(altName).containsPattern("UTF8STRING\\s*:" + ApiBodies.NAME + "\n");
        assertThat(altName).containsPattern("UTF8STRING\\s*:" + ApiBodies.ADDRESS + "\n");
        assertThat(altName).containsPattern("UTF8STRING\\s*:319850412\n"); // Showa, 1985-04-12
        assertThat(altName).containsPattern("UTF8STRING\\s*:1\n"); // male
    }

    @Test
    void theSigningCertificateNamesTheSigningPolicyAndTheCrlDistributionPointOfItsMunicipality() {
        String text = OpenSsl.succeed(work, "x509", "-in", "taro-sign.pem", "-noout", "-text", "-nameopt", "utf8");

        assertThat(text).containsPattern("X509v3 Certificate Policies: critical\\s+Policy: 1\\.2\\.392\\.200149\\.8\\.5\\.1\\.1\\.20\n");
        assertThat(text).containsPattern("X509v3 CRL Distribution Points:\\s+Full Name:\\s+"
                + "DirName:C\\s?=\\s?JP, O\\s?=\\s?JPKI, OU\\s?=\\s?JPKI for digital signature, "
                + "OU\\s?=\\s?CRL Distribution Points, OU\\s?=\\s?Tokyo-to, CN\\s?=\\s?Chiyoda-ku CRLDP\\s+"
                + "URI:http://127\\.0\\.0\\.1:8080/crl/sign/131016\\.crl\n");
        assertThat(text).containsPattern("Subject: C\\s?=\\s?JP, L\\s?=\\s?Tokyo-to, L\\s?=\\s?Chiyoda-ku, CN\\s?=\\s?[0-9]{28}\n");
    }

    @Test
    void theAuthenticationCertificateCarriesNothingAboutTheResidentOrTheirMunicipality() throws Exception {
        assertThat(authenticationEnrollment.status()).isEqualTo(201);
        byte[] der = x509(work.resolve("taro-auth.pem")).getEncoded();
        byte[] signingDer = x509(work.resolve("taro-sign.pem")).getEncoded();
        String text = OpenSsl.succeed(work, "x509", "-in", "taro-auth.pem", "-noout", "-text", "-nameopt", "utf8");

        List<String> personal = List.of(
                "山田", "太郎", "千代田", "東京都", ApiBodies.ADDRESS, // name and address
                "19850412", "319850412", "1985-04-12", "850412", "昭和", // date of birth: Gregorian, era code, ISO
                "131016", "Chiyoda", "Tokyo-to", "Tokyo", // municipality code and romaji names
                BASIC_FOUR_ARC); // any basic-four field, the sex code among them
        for (String item : personal) {
            assertThat(text).as("openssl x509 -text of the authentication certificate").doesNotContain(item);
            assertThat(contains(der, item.getBytes(StandardCharsets.UTF_8))).as("UTF-8 '%s' in the DER", item).isFalse();
            assertThat(contains(der, item.getBytes(StandardCharsets.UTF_16BE))).as("UTF-16 '%s' in the DER", item).isFalse();
        }
        assertThat(contains(der, basicFourArcDer())).as("basic-four OID arc in the DER").isFalse();
        assertThat(text).doesNotContain("Subject Alternative Name");

        // the same searches find all of it in the signing certificate of the same resident
        assertThat(contains(signingDer, ApiBodies.NAME.getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(contains(signingDer, ApiBodies.ADDRESS.getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(contains(signingDer, "319850412".getBytes(StandardCharsets.US_ASCII))).isTrue();
        assertThat(contains(signingDer, "131016".getBytes(StandardCharsets.US_ASCII))).isTrue();
        assertThat(contains(signingDer, "Chiyoda".getBytes(StandardCharsets.US_ASCII))).isTrue();
        assertThat(contains(signingDer, basicFourArcDer())).isTrue();
    }

    @Test
    void theJdksPkixValidatorAcceptsTheSigningCertificateChainedToTheSigningCa() throws Exception {
        X509Certificate signing = x509(work.resolve("taro-sign.pem"));

        assertThat(validate(signing, x509(work.resolve("sign-ca.pem")))).isNotNull();
        CertPathValidatorException wrongHierarchy = catchThrowableOfType(CertPathValidatorException.class,
                () -> validate(signing, x509(work.resolve("auth-ca.pem"))));
        assertThat(wrongHierarchy).isNotNull();
    }

    private static Object validate(X509Certificate certificate, X509Certificate anchor) throws Exception {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        CertPath path = factory.generateCertPath(List.of(certificate));
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
        parameters.setRevocationEnabled(false); // OCSP and CRLs come later
        parameters.setDate(Date.from(shomei.clock.instant()));
        return CertPathValidator.getInstance("PKIX").validate(path, parameters);
    }

    private static String certificatePem(MunicipalClient.Response enrollment) {
        assertThat(enrollment.status()).as(enrollment.body()).isEqualTo(201);
        return enrollment.json().getString("certificate");
    }

    private static String caPem(String kind) {
        JsonObject answer = shomei.curlAs(CHIYODA).get("/v1/ca/" + kind + "/certificates").json();
        return answer.getJsonArray("certificates").getJsonObject(0).getString("certificate");
    }

    private static String atClock() {
        return Long.toString(shomei.clock.instant().getEpochSecond());
    }

    private static X509Certificate x509(Path pem) throws Exception {
        try (var in = new ByteArrayInputStream(Files.readAllBytes(pem))) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    /** 1.2.392.200149.8.5.5 as DER OID content bytes: every basic-four type-id begins with them. */
    private static byte[] basicFourArcDer() {
        return HexFormat.of().parseHex("2a83088c9b55080505");
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
