package jp.shomei.app.api;

import static jp.shomei.app.support.RunningShomei.CHIYODA;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import jp.shomei.app.support.ApiBodies;
import jp.shomei.app.support.MunicipalClient;
import jp.shomei.app.support.RunningShomei;
import jp.shomei.ca.authority.OpenSsl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Phone certificates over HTTPS, with the application made by OpenSSL's own CMS signer from a card key
 * OpenSSL made, and the certificates read back by OpenSSL.
 */
class PhonesOverHttpsTest {

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
    void aPhoneApplicationSignedByOpenSslWithTheCardKeyGetsTwoPhoneCertificatesThatFollowTheCard() throws IOException {
        String resident = shomei.newResidentCode();
        chiyoda.put("/v1/residents/" + resident, ApiBodies.taroInChiyoda());
        Path work = Files.createTempDirectory(shomei.work, "phone-");
        JsonObject cardSigning = enroll(resident, "sign", work, "card");
        Files.writeString(work.resolve("card.pem"), cardSigning.getString("certificate"));
        enroll(resident, "auth", work, "card-auth");

        Path cms = signedApplication(resident, work, "card");
        MunicipalClient.Response answer = chiyoda.post("/v1/residents/" + resident + "/phones",
                new JsonObject().put("application", Base64.getEncoder().encodeToString(Files.readAllBytes(cms))));

        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        JsonObject phoneSigning = answer.json().getJsonObject("signing");
        JsonObject phoneAuthentication = answer.json().getJsonObject("authentication");
        assertThat(phoneSigning.getString("device")).isEqualTo("phone");
        assertThat(phoneSigning.getString("deviceId")).isEqualTo("pixel-8-test");
        assertThat(phoneSigning.getString("cardCertificate")).isEqualTo(cardSigning.getString("serial"));
        Files.writeString(work.resolve("phone-sign.pem"), phoneSigning.getString("certificate"));
        assertThat(OpenSsl.succeed(work, "x509", "-in", "phone-sign.pem", "-noout", "-ext", "certificatePolicies"))
                .contains("critical").contains("1.3.6.1.4.1.99999.2.1");
        assertThat(chiyoda.get("/v1/certificates/" + phoneSigning.getString("serial") + "/links").json()
                .getString("pairedCertificate")).isEqualTo(phoneAuthentication.getString("serial"));

        // The card signing certificate revoked: the phone's goes with it, the phone's authentication one stays.
        chiyoda.post("/v1/certificates/" + cardSigning.getString("serial") + "/revoke",
                new JsonObject().put("reason", "keyCompromise"));
        JsonObject after = chiyoda.get("/v1/certificates/" + phoneSigning.getString("serial")).json();
        assertThat(after.getString("status")).isEqualTo("revoked");
        assertThat(after.getString("revocationReason")).isEqualTo("keyCompromise");
        assertThat(chiyoda.get("/v1/certificates/" + phoneAuthentication.getString("serial")).json()
                .getString("status")).isEqualTo("good");

        // A second application signed with the revoked certificate is refused and changes nothing.
        String before = shomei.storeSnapshot();
        MunicipalClient.Response refused = chiyoda.post("/v1/residents/" + resident + "/phones", new JsonObject()
                .put("application", Base64.getEncoder().encodeToString(Files.readAllBytes(
                        signedApplication(resident, work, "card")))));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().getString("code")).isEqualTo("phone-application-signer-not-good");
        assertThat(shomei.storeSnapshot()).isEqualTo(before);
    }

    @Test
    void aCardIsSwitchedToFaceOnlyAndBackOnTheSameDay() throws IOException {
        String resident = shomei.newResidentCode();
        chiyoda.put("/v1/residents/" + resident, ApiBodies.taroInChiyoda());
        Path work = Files.createTempDirectory(shomei.work, "face-");
        String authentication = enroll(resident, "auth", work, "card-auth").getString("serial");

        MunicipalClient.Response face = chiyoda.put("/v1/residents/" + resident + "/authentication-mode",
                new JsonObject().put("mode", "face"));
        assertThat(face.status()).as(face.body()).isEqualTo(200);
        assertThat(face.json().getString("serial")).isEqualTo(authentication);
        assertThat(face.json().getString("authenticationMode")).isEqualTo("face");

        MunicipalClient.Response again = chiyoda.put("/v1/residents/" + resident + "/authentication-mode",
                new JsonObject().put("mode", "face"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(chiyoda.put("/v1/residents/" + resident + "/authentication-mode",
                new JsonObject().put("mode", "pin")).json().getString("authenticationMode")).isEqualTo("pin");
        assertThat(chiyoda.put("/v1/residents/" + resident + "/authentication-mode",
                new JsonObject().put("mode", "eyes")).status()).isEqualTo(400);
    }

    private static JsonObject enroll(String resident, String ca, Path work, String keyName) {
        OpenSsl.succeed(work, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", keyName + ".key", "-subj", "/CN=card",
                "-out", keyName + ".csr");
        String csr = read(work.resolve(keyName + ".csr"));
        MunicipalClient.Response enrolled = chiyoda.post("/v1/residents/" + resident + "/certificates",
                ApiBodies.enrollment(ca, csr));
        assertThat(enrolled.status()).as(enrolled.body()).isEqualTo(201);
        return enrolled.json();
    }

    /** Two phone keys from OpenSSL, their requests in the application JSON, signed with openssl cms. */
    private static Path signedApplication(String resident, Path work, String cardKey) {
        for (String key : new String[] {"phone-sign", "phone-auth"}) {
            OpenSsl.succeed(work, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", key + ".key", "-subj",
                    "/CN=phone", "-out", key + ".csr");
        }
        JsonObject application = new JsonObject().put("resident", resident).put("device", "pixel-8-test")
                .put("signingCsr", read(work.resolve("phone-sign.csr")))
                .put("authenticationCsr", read(work.resolve("phone-auth.csr")));
        try {
            Files.writeString(work.resolve("application.json"), application.encode(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        // -noattr: no signingTime from the real clock, which this service's test clock may not have reached.
        OpenSsl.succeed(work, "cms", "-sign", "-nodetach", "-binary", "-noattr", "-outform", "DER", "-in",
                "application.json", "-signer", "card.pem", "-inkey", cardKey + ".key", "-out", "application.p7");
        return work.resolve("application.p7");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
