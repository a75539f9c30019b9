package jp.shomei.app.ocsp;

import static jp.shomei.app.support.RunningShomei.CHIYODA;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import jp.shomei.app.support.ApiBodies;
import jp.shomei.app.support.Csrs;
import jp.shomei.app.support.MunicipalClient;
import jp.shomei.app.support.RunningShomei;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.ca.authority.OpenSsl;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole service: a revocation made through the municipal API shows in {@code openssl ocsp}
 * against the validation listener, with its reason.
 */
class OcspOnTheValidationListenerTest {

    @TempDir
    static Path root;
    static RunningShomei shomei;
    static MunicipalClient chiyoda;

    @BeforeAll
    static void start() {
        shomei = RunningShomei.start(root);
        chiyoda = shomei.as(CHIYODA);
    }

    @AfterAll
    static void stop() {
        if (shomei != null) {
            shomei.close();
        }
    }

    @Test
    void aRevocationThroughTheMunicipalApiShowsInOpensslOcspWithItsReason() throws Exception {
        String resident = shomei.newResidentCode();
        assertThat(chiyoda.put("/v1/residents/" + resident, ApiBodies.taroInChiyoda()).status()).isEqualTo(201);
        MunicipalClient.Response issued = chiyoda.post("/v1/residents/" + resident + "/certificates",
                ApiBodies.enrollment("sign", Csrs.rsa2048()));
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        String serial = issued.json().getString("serial");
        Path certificate = writeCertificate(issued.json());
        Path ca = OpenSsl.writePem(shomei.work, "sign-ca.pem",
                shomei.server.authorities().issuing(CaKind.SIGNING).authority().certificate());
        // The responder learns of every status change, issuance included, through the feed: within a second.
        assertThat(answerOnceItShows(ca, certificate, ": good")).contains(": good");

        assertThat(chiyoda.post("/v1/certificates/" + serial + "/revoke", new JsonObject().put("reason", "keyCompromise"))
                .status()).isEqualTo(200);

        assertThat(answerOnceItShows(ca, certificate, ": revoked"))
                .contains("Response verify OK").contains(": revoked").contains("Reason: keyCompromise");
    }

    /** openssl's answer once it contains the expected status, or the last answer after 5 seconds. */
    private static String answerOnceItShows(Path ca, Path certificate, String expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        String answer = ocsp(ca, certificate);
        while (!answer.contains(expected) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            answer = ocsp(ca, certificate);
        }
        return answer;
    }

    /**
     * The server runs on the specifications' fixed clock, which is not the real time: openssl is told
     * to verify at that time and to tolerate the distance between the two in thisUpdate/nextUpdate.
     */
    private static String ocsp(Path ca, Path certificate) {
        Instant serverTime = shomei.clock.instant();
        long distance = Math.abs(Duration.between(Instant.now(), serverTime).toSeconds()) + 7200;
        OpenSsl.Outcome outcome = OpenSsl.run(shomei.work, "ocsp", "-no_nonce", "-issuer", ca.toString(),
                "-CAfile", ca.toString(), "-cert", certificate.toString(),
                "-url", shomei.server.validationUrl() + "/ocsp/sign",
                "-attime", Long.toString(serverTime.getEpochSecond()), "-validity_period", Long.toString(distance));
        return outcome.output() + outcome.errors();
    }

    private static Path writeCertificate(JsonObject issued) throws Exception {
        String text = issued.getString("certificate");
        byte[] der = text.startsWith("-----BEGIN")
                ? Base64.getMimeDecoder().decode(text.replaceAll("-----[A-Z ]+-----", ""))
                : Base64.getDecoder().decode(text);
        Path file = OpenSsl.writePem(shomei.work, issued.getString("serial") + ".pem", new X509CertificateHolder(der));
        assertThat(Files.size(file)).isPositive();
        return file;
    }
}
