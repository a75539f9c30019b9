package jp.shomei.ocsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.ca.authority.OpenSsl;
import jp.shomei.ca.certificate.CertificateRecord;
import jp.shomei.ca.certificate.RevocationReason;
import jp.shomei.ca.store.DatabaseConfig;
import jp.shomei.ca.testsupport.SharedKeySource;
import jp.shomei.ca.testsupport.TestCa;
import jp.shomei.ocsp.support.Curl;
import jp.shomei.ocsp.support.Eventually;
import jp.shomei.ocsp.support.OcspTestBed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** OpenSSL's own OCSP client, and curl for GET, accept Shomei's answers and see every status change. */
class OpenSslClientTest {

    /** Generous: the goal is under a second (see BENCHMARKS.md); this only proves the change arrives. */
    private static final Duration REFLECTED = Duration.ofSeconds(5);

    @RegisterExtension
    static final SharedKeySource KEYS = new SharedKeySource();


    @TempDir
    Path work;
    OcspTestBed bed;

    @BeforeEach
    void start() {
        bed = new OcspTestBed(DatabaseConfig.inMemory("ocsp-" + UUID.randomUUID()), KEYS.source(), work);
    }

    @AfterEach
    void stop() {
        bed.close();
    }

    @Test
    void aGoodCertificateIsGoodWithAndWithoutNonceAndWithSha256CertIds() {
        CertificateRecord signing = bed.enroll(CaKind.SIGNING);

        String withNonce = ocsp(CaKind.SIGNING, signing);
        assertThat(withNonce).contains("Response verify OK").contains(pemName(signing) + ": good");

        String presigned = ocsp(CaKind.SIGNING, signing, "-no_nonce");
        assertThat(presigned).contains("Response verify OK").contains(pemName(signing) + ": good")
                .doesNotContain("WARNING");

        assertThat(ocsp(CaKind.SIGNING, signing, "-no_nonce", "-sha256"))
                .contains("Response verify OK").contains(pemName(signing) + ": good");
        assertThat(ocsp(CaKind.SIGNING, signing, "-sha256"))
                .contains("Response verify OK").contains(pemName(signing) + ": good");
    }

    @Test
    void theResponseIsSignedByADelegatedOcspSignerCarryingNocheck() {
        CertificateRecord signing = bed.enroll(CaKind.SIGNING);
        String text = ocsp(CaKind.SIGNING, signing, "-no_nonce", "-resp_text");
        assertThat(text)
                .contains("Responder Id: ")
                .contains("OCSP Signing")
                .contains("OCSP No Check")
                .contains("CN=OCSP Responder 1")
                .contains("Signature Algorithm: sha256WithRSAEncryption");
    }

    @Test
    void aRevocationIsReflectedWithItsReasonAndTime() {
        CertificateRecord signing = bed.enroll(CaKind.SIGNING);
        assertThat(ocsp(CaKind.SIGNING, signing, "-no_nonce")).contains(": good");

        bed.ca.services.certificates().revoke(TestCa.CHIYODA, signing.serial(), RevocationReason.KEY_COMPROMISE);

        String revoked = Eventually.within(REFLECTED, () -> ocsp(CaKind.SIGNING, signing, "-no_nonce"),
                out -> out.contains(": revoked"));
        assertThat(revoked).contains("Response verify OK").contains("Reason: keyCompromise")
                .contains("Revocation Time: " + opensslTime(bed.ca.clock.instant()));
        assertThat(ocsp(CaKind.SIGNING, signing)).contains(": revoked").contains("Reason: keyCompromise");
    }

    @Test
    void aSuspendedCertificateIsOnHoldAndGoodAgainOnceResumed() {
        CertificateRecord authentication = bed.enroll(CaKind.AUTHENTICATION);
        assertThat(ocsp(CaKind.AUTHENTICATION, authentication, "-no_nonce")).contains(": good");

        bed.ca.services.certificates().suspend(TestCa.CHIYODA, authentication.serial());
        assertThat(Eventually.within(REFLECTED, () -> ocsp(CaKind.AUTHENTICATION, authentication, "-no_nonce"),
                out -> out.contains(": revoked"))).contains("Reason: certificateHold");

        bed.ca.services.certificates().resume(TestCa.CHIYODA, authentication.serial());
        assertThat(Eventually.within(REFLECTED, () -> ocsp(CaKind.AUTHENTICATION, authentication, "-no_nonce"),
                out -> out.contains(": good"))).contains("Response verify OK");
    }

    @Test
    void aCertificateIssuedAfterTheResponderStartedIsKnownAtOnce() {
        bed.responder();
        CertificateRecord late = bed.enroll(CaKind.SIGNING);
        assertThat(Eventually.within(REFLECTED, () -> ocsp(CaKind.SIGNING, late, "-no_nonce"),
                out -> out.contains(": good"))).contains("Response verify OK");
    }

    @Test
    void aSerialThisCaNeverIssuedIsUnknown() {
        Path ca = bed.caPem(CaKind.SIGNING);
        OpenSsl.Outcome outcome = OpenSsl.run(work, "ocsp", "-issuer", ca.toString(), "-CAfile", ca.toString(),
                "-serial", "0x" + new BigInteger("123456789abcdef", 16).toString(16), "-url", bed.url(CaKind.SIGNING));
        assertThat(outcome.output() + outcome.errors()).contains("Response verify OK").contains("0x123456789abcdef: unknown");
    }

    @Test
    void anIssuerThisUrlDoesNotServeIsUnauthorized() {
        CertificateRecord authentication = bed.enroll(CaKind.AUTHENTICATION);
        Path authCa = bed.caPem(CaKind.AUTHENTICATION);
        OpenSsl.Outcome outcome = OpenSsl.run(work, "ocsp", "-issuer", authCa.toString(), "-CAfile", authCa.toString(),
                "-cert", bed.pem(authentication).toString(), "-url", bed.url(CaKind.SIGNING));
        assertThat(outcome.output() + outcome.errors()).contains("Responder Error: unauthorized (6)");
    }

    @Test
    void aGetBuiltWithReqoutAndSentWithCurlCarriesRfc5019CachingHeaders() throws Exception {
        CertificateRecord signing = bed.enroll(CaKind.SIGNING);
        Path ca = bed.caPem(CaKind.SIGNING);
        Path cert = bed.pem(signing);
        OpenSsl.succeed(work, "ocsp", "-issuer", ca.toString(), "-cert", cert.toString(), "-no_nonce",
                "-reqout", "request.der");
        String encoded = URLEncoder.encode(Base64.getEncoder().encodeToString(Files.readAllBytes(work.resolve("request.der"))),
                StandardCharsets.US_ASCII);

        Curl.Response response = Curl.get(work, bed.url(CaKind.SIGNING) + "/" + encoded);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers()).containsEntry("content-type", "application/ocsp-response");
        assertThat(response.headers().get("cache-control")).matches("max-age=(3[0-5]\\d\\d|3600), public, no-transform, must-revalidate");
        assertThat(response.headers()).containsKeys("etag", "last-modified", "expires");
        Instant lastModified = ZonedDateTime.parse(response.headers().get("last-modified"),
                DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Instant expires = ZonedDateTime.parse(response.headers().get("expires"), DateTimeFormatter.RFC_1123_DATE_TIME)
                .toInstant();
        assertThat(Duration.between(lastModified, expires)).isEqualTo(OcspSettings.DEFAULTS.responseValidity());

        Files.write(work.resolve("response.der"), response.body());
        assertThat(OpenSsl.succeed(work, "ocsp", "-respin", "response.der", "-issuer", ca.toString(),
                "-cert", cert.toString(), "-CAfile", ca.toString(), "-no_nonce") + "")
                .contains(pemName(signing) + ": good");

        Curl.Response again = Curl.get(work, bed.url(CaKind.SIGNING) + "/" + encoded,
                "--header", "If-None-Match: " + response.headers().get("etag"));
        assertThat(again.status()).isEqualTo(304);
    }

    private String ocsp(CaKind kind, CertificateRecord certificate, String... options) {
        Path ca = bed.caPem(kind);
        // openssl wants a CertID digest option before -cert
        List<String> args = new ArrayList<>(List.of("ocsp"));
        args.addAll(List.of(options));
        args.addAll(List.of("-issuer", ca.toString(), "-CAfile", ca.toString(), "-cert", bed.pem(certificate).toString(),
                "-url", bed.url(kind)));
        OpenSsl.Outcome outcome = OpenSsl.run(work, args.toArray(String[]::new));
        return outcome.output() + outcome.errors();
    }

    private String pemName(CertificateRecord certificate) {
        return work.resolve(certificate.serialHex() + ".pem").toString();
    }

    /** openssl prints times like "Nov 22 01:00:00 2026 GMT". */
    private static String opensslTime(Instant instant) {
        return DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss yyyy 'GMT'", java.util.Locale.ROOT)
                .format(instant.atZone(java.time.ZoneOffset.UTC));
    }
}
