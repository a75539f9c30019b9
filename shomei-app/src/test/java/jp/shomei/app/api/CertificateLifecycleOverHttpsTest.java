package jp.shomei.app.api;

import static jp.shomei.app.support.RunningShomei.CHIYODA;
import static jp.shomei.app.support.RunningShomei.START;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import jp.shomei.app.support.ApiBodies;
import jp.shomei.app.support.Csrs;
import jp.shomei.app.support.MunicipalClient;
import jp.shomei.app.support.RunningShomei;
import jp.shomei.ca.authority.JapanTime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every lifecycle call of the municipal API over HTTPS, as Chiyoda-ku's issuance system makes it. */
class CertificateLifecycleOverHttpsTest {

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

    @AfterEach
    void resetClock() {
        shomei.clock.set(START);
    }

    @Test
    void registeringANewResidentAnswers201AndRecordingAChangeAnswers200() {
        String resident = shomei.newResidentCode();

        MunicipalClient.Response created = chiyoda.put("/v1/residents/" + resident, ApiBodies.taroInChiyoda());
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().getBoolean("created")).isTrue();
        assertThat(created.json().getJsonObject("resident").getString("residentCode")).isEqualTo(resident);

        MunicipalClient.Response changed = chiyoda.put("/v1/residents/" + resident,
                ApiBodies.taroInChiyoda().put("name", "山田　次郎"));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().getBoolean("created")).isFalse();
        assertThat(changed.json().getJsonArray("changedFields")).containsExactly("name");

        MunicipalClient.Response unchanged = chiyoda.put("/v1/residents/" + resident,
                ApiBodies.taroInChiyoda().put("name", "山田　次郎"));
        assertThat(unchanged.status()).isEqualTo(200);
        assertThat(unchanged.json().getJsonArray("changedFields")).isEmpty();
        assertThat(chiyoda.get("/v1/residents/" + resident).json().getString("name")).isEqualTo("山田　次郎");
    }

    @Test
    void suspendingPutsACertificateOnHoldForCertificateHoldAndResumingMakesItGoodAgain() {
        String serial = enroll(registerTaro(), "sign").getString("serial");
        var curl = shomei.curlAs(CHIYODA);

        JsonObject suspended = curl.post("/v1/certificates/" + serial + "/suspend", "").json();
        assertThat(suspended.getString("status")).isEqualTo("on-hold");
        assertThat(suspended.getString("revocationReason")).isEqualTo("certificateHold");
        assertThat(curl.get("/v1/certificates/" + serial).json().getString("status")).isEqualTo("on-hold");

        JsonObject resumed = curl.post("/v1/certificates/" + serial + "/resume", "").json();
        assertThat(resumed.getString("status")).isEqualTo("good");
        assertThat(resumed.getString("revocationReason")).isNull();
        assertThat(curl.get("/v1/certificates/" + serial).json().getString("status")).isEqualTo("good");
    }

    @Test
    void revokingWithAReasonRevokesTheCertificateForThatReason() {
        String serial = enroll(registerTaro(), "auth").getString("serial");

        MunicipalClient.Response revoked = chiyoda.post("/v1/certificates/" + serial + "/revoke",
                new JsonObject().put("reason", "keyCompromise"));

        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.json().getString("status")).isEqualTo("revoked");
        assertThat(revoked.json().getString("revocationReason")).isEqualTo("keyCompromise");
        assertThat(chiyoda.get("/v1/certificates/" + serial).json().getString("status")).isEqualTo("revoked");
    }

    @Test
    void renewingInTheLastThreeMonthsSupersedesTheOldCertificateAndLinksItToItsSuccessor() {
        JsonObject old = enroll(registerTaro(), "sign");
        Instant notAfter = Instant.parse(old.getString("notAfter"));
        // born 1985-04-12, issued 2026-11-22: the fifth birthday after issue ends the certificate
        assertThat(notAfter).isEqualTo(JapanTime.endOf(LocalDate.of(2031, 4, 12)));
        shomei.clock.set(Instant.parse("2031-02-01T01:00:00Z"));

        MunicipalClient.Response renewal = chiyoda.post("/v1/certificates/" + old.getString("serial") + "/renew",
                new JsonObject().put("csr", Csrs.rsa2048()));

        assertThat(renewal.status()).as(renewal.body()).isEqualTo(201);
        JsonObject superseded = renewal.json().getJsonObject("superseded");
        JsonObject successor = renewal.json().getJsonObject("successor");
        assertThat(superseded.getString("serial")).isEqualTo(old.getString("serial"));
        assertThat(superseded.getString("status")).isEqualTo("revoked");
        assertThat(superseded.getString("revocationReason")).isEqualTo("superseded");
        assertThat(superseded.getString("successor")).isEqualTo(successor.getString("serial"));
        assertThat(successor.getString("status")).isEqualTo("good");
        assertThat(successor.getString("predecessor")).isEqualTo(old.getString("serial"));
        assertThat(successor.getString("cardExpiresOn")).isEqualTo(ApiBodies.CARD_EXPIRY.toString());
        assertThat(successor.getString("certificate")).isNotEqualTo(old.getString("certificate"));
        assertThat(chiyoda.get("/v1/certificates/" + old.getString("serial")).json().getString("successor"))
                .isEqualTo(successor.getString("serial"));
    }

    @Test
    void aChangeOfAddressRevokesTheSigningCertificateForAffiliationChangedButNotTheAuthenticationCertificate() {
        String resident = registerTaro();
        String signing = enroll(resident, "sign").getString("serial");
        String authentication = enroll(resident, "auth").getString("serial");

        MunicipalClient.Response moved = chiyoda.put("/v1/residents/" + resident,
                ApiBodies.taroInChiyoda().put("address", "東京都千代田区永田町一丁目七番一号"));

        assertThat(moved.status()).isEqualTo(200);
        assertThat(moved.json().getJsonArray("changedFields")).containsExactly("address");
        JsonArray revoked = moved.json().getJsonArray("revokedCertificates");
        assertThat(revoked).hasSize(1);
        assertThat(revoked.getJsonObject(0).getString("serial")).isEqualTo(signing);
        assertThat(revoked.getJsonObject(0).getString("revocationReason")).isEqualTo("affiliationChanged");
        assertThat(statusOf(signing)).isEqualTo("revoked");
        assertThat(statusOf(authentication)).isEqualTo("good");
    }

    @Test
    void aDeathRevokesBothCertificatesForCessationOfOperation() {
        String resident = registerTaro();
        String signing = enroll(resident, "sign").getString("serial");
        String authentication = enroll(resident, "auth").getString("serial");

        MunicipalClient.Response death = chiyoda.post("/v1/residents/" + resident + "/death",
                new JsonObject().put("diedOn", "2026-11-21"));

        assertThat(death.status()).isEqualTo(200);
        List<JsonObject> revoked = death.json().getJsonArray("revokedCertificates").stream()
                .map(JsonObject.class::cast).toList();
        assertThat(revoked).extracting(c -> c.getString("serial")).containsExactlyInAnyOrder(signing, authentication);
        assertThat(revoked).allSatisfy(c -> {
            assertThat(c.getString("status")).isEqualTo("revoked");
            assertThat(c.getString("revocationReason")).isEqualTo("cessationOfOperation");
        });
        assertThat(chiyoda.get("/v1/residents/" + resident).json().getString("deceasedOn")).isEqualTo("2026-11-21");
    }

    @Test
    void theHistoryListsEveryStatusChangeAndAuditEntryOfTheCertificate() {
        String serial = enroll(registerTaro(), "sign").getString("serial");
        chiyoda.post("/v1/certificates/" + serial + "/suspend", "");
        chiyoda.post("/v1/certificates/" + serial + "/resume", "");
        chiyoda.post("/v1/certificates/" + serial + "/revoke", new JsonObject().put("reason", "unspecified"));

        JsonObject history = chiyoda.get("/v1/certificates/" + serial + "/history").json();

        assertThat(history.getJsonObject("certificate").getString("serial")).isEqualTo(serial);
        List<JsonObject> changes = objects(history.getJsonArray("statusChanges"));
        assertThat(changes).extracting(c -> c.getString("status")).containsExactly("good", "on-hold", "good", "revoked");
        assertThat(changes).extracting(c -> c.getString("revocationReason"))
                .containsExactly(null, "certificateHold", null, "unspecified");
        List<JsonObject> audit = objects(history.getJsonArray("audit"));
        assertThat(audit).extracting(a -> a.getString("action")).containsExactly("certificate.issue",
                "certificate.suspend", "certificate.resume", "certificate.revoke");
        assertThat(audit).allSatisfy(a -> assertThat(a.getString("actor")).contains("131016"));
    }

    private static String registerTaro() {
        String resident = shomei.newResidentCode();
        assertThat(chiyoda.put("/v1/residents/" + resident, ApiBodies.taroInChiyoda()).status()).isEqualTo(201);
        return resident;
    }

    private static JsonObject enroll(String resident, String ca) {
        MunicipalClient.Response issued = chiyoda.post("/v1/residents/" + resident + "/certificates",
                ApiBodies.enrollment(ca, Csrs.rsa2048()));
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        return issued.json();
    }

    private static String statusOf(String serial) {
        return chiyoda.get("/v1/certificates/" + serial).json().getString("status");
    }

    private static List<JsonObject> objects(JsonArray array) {
        return array.stream().map(JsonObject.class::cast).toList();
    }
}
