package jp.shomei.app.est;

import static jp.shomei.app.support.RunningShomei.CHIYODA;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import jp.shomei.app.support.ApiBodies;
import jp.shomei.app.support.MunicipalClient;
import jp.shomei.app.support.RunningShomei;
import jp.shomei.ca.authority.OpenSsl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * EST (RFC 7030) with curl and openssl: CA certificates without a client certificate, enrolment and
 * re-enrolment as the municipality of the client certificate, answers in base64 certs-only PKCS#7 that
 * {@code openssl pkcs7} unpacks and {@code openssl verify} accepts, changes the municipal API shows.
 */
class EstOverHttpsTest {

    @TempDir
    static Path root;
    static RunningShomei shomei;
    static MunicipalClient chiyoda;
    static EstClient est;

    @BeforeAll
    static void start() {
        shomei = RunningShomei.start(root);
        chiyoda = shomei.as(CHIYODA);
        est = new EstClient(shomei.work, shomei.curlAs(CHIYODA));
    }

    @AfterAll
    static void stop() {
        if (shomei != null) {
            shomei.close();
        }
    }

    @Test
    void caCertificatesNeedNoClientCertificateAndComeAsBase64CertsOnlyPkcs7() {
        EstClient anonymous = new EstClient(shomei.work, shomei.curlWithoutClientCertificate());
        MunicipalClient.Response response = shomei.curlWithoutClientCertificate().get(EstClient.EST + "sign/cacerts").response();

        assertThat(response.contentType()).isEqualTo("application/pkcs7-mime");
        assertThat(anonymous.printCertificates(response, "sign-cacerts"))
                .contains("subject=C = JP, O = JPKI, OU = JPKI for digital signature")
                .contains("-----BEGIN CERTIFICATE-----");
    }

    @Test
    void simpleEnrollIssuesACertificateForTheResidentNamedInTheRequestThatOpensslVerifies() {
        String resident = shomei.registerTaroInChiyoda();
        est.printCertificates(shomei.curlAs(CHIYODA).get(EstClient.EST + "sign/cacerts").response(), "sign-ca");

        MunicipalClient.Response response = est.enroll("sign", "simpleenroll",
                est.requestByOpenssl("est-sign", resident, ApiBodies.CARD_EXPIRY.toString())).response();

        assertThat(response.contentType()).isEqualTo("application/pkcs7-mime; smime-type=certs-only");
        assertThat(est.printCertificates(response, "est-sign")).contains("subject=C = JP, L = ");
        assertThat(OpenSsl.succeed(shomei.work, "verify", "-CAfile", "sign-ca.pem", "est-sign.pem")).contains("est-sign.pem: OK");
        String serial = serialOf("est-sign.pem");
        JsonObject history = chiyoda.get("/v1/certificates/" + serial + "/history").json();
        assertThat(history.getJsonObject("certificate").getString("residentCode")).isEqualTo(resident);
        assertThat(history.getJsonObject("certificate").getString("cardExpiresOn")).isEqualTo(ApiBodies.CARD_EXPIRY.toString());
        assertThat(history.getJsonArray("audit").getJsonObject(0).getString("actor")).startsWith("municipality:131016 ");
    }

    @Test
    void simpleReenrollInTheRenewalWindowSupersedesTheResidentsLiveCertificate() {
        String resident = shomei.registerTaroInChiyoda();
        est.printCertificates(est.enroll("auth", "simpleenroll",
                est.requestByOpenssl("est-auth", resident, ApiBodies.CARD_EXPIRY.toString())).response(), "est-auth");
        String old = serialOf("est-auth.pem");
        Instant notAfter = Instant.parse(chiyoda.get("/v1/certificates/" + old).json().getString("notAfter"));
        Instant now = shomei.clock.instant();
        try {
            shomei.clock.set(notAfter.minusSeconds(30L * 24 * 3600));

            MunicipalClient.Response response = est.enroll("auth", "simplereenroll",
                    est.requestByOpenssl("est-auth-2", resident, null)).response();

            est.printCertificates(response, "est-auth-2");
            String renewed = serialOf("est-auth-2.pem");
            JsonObject superseded = chiyoda.get("/v1/certificates/" + old).json();
            assertThat(superseded.getString("revocationReason")).isEqualTo("superseded");
            assertThat(superseded.getString("successor")).isEqualTo(renewed);
            assertThat(chiyoda.get("/v1/certificates/" + renewed).json().getString("cardExpiresOn"))
                    .isEqualTo(ApiBodies.CARD_EXPIRY.toString());
        } finally {
            shomei.clock.set(now);
        }
    }

    /** The serial as the municipal API writes it: lowercase hex without leading zeros. */
    static String serialOf(String pemFile) {
        String line = OpenSsl.succeed(shomei.work, "x509", "-in", pemFile, "-noout", "-serial").strip();
        return new BigInteger(line.substring("serial=".length()), 16).toString(16);
    }
}
