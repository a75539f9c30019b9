package jp.shomei.app.ejbca;

import static jp.shomei.app.ejbca.EjbcaRestOverHttpsTest.SIGN_DN;
import static jp.shomei.app.ejbca.EjbcaRestOverHttpsTest.path;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import jp.shomei.app.support.ApiBodies;
import jp.shomei.app.support.Csrs;
import jp.shomei.app.support.MunicipalClient;
import jp.shomei.app.support.RunningShomei;
import jp.shomei.ca.ejbca.EjbcaRestApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The EJBCA REST API over HTTPS with a municipality's client certificate: whatever body reaches
 * pkcs10enroll or search, and whatever revocation reason reaches revoke, the answer is a success or a
 * 4xx in EJBCA's error shape, never a 5xx, and a refusal leaves the store exactly as it was.
 * Input: one byte choosing the route, then the body (for revoke, the reason). The seeds are the
 * requests of docs/ejbca-rest.md for the resident registered here, and broken variants.
 */
class EjbcaRestApiFuzzTest {

    /** The resident the seeds name, registered before fuzzing so that enrolment reaches the CSR. */
    private static final String RESIDENT = "13000000001";

    @TempDir
    static Path root;
    static RunningShomei shomei;
    static MunicipalClient chiyoda;
    /** A signing certificate of the resident, the one the revoke route names. */
    static String serial;

    @BeforeAll
    static void start() {
        shomei = RunningShomei.start(root);
        chiyoda = shomei.as(RunningShomei.CHIYODA);
        assertThat(chiyoda.put("/v1/residents/" + RESIDENT, ApiBodies.taroInChiyoda()).status()).isEqualTo(201);
        MunicipalClient.Response issued = chiyoda.post(EjbcaRestApi.BASE + "/certificate/pkcs10enroll", new JsonObject()
                .put("certificate_request", Csrs.rsa2048()).put("certificate_profile_name", "JPKI_SIGN")
                .put("end_entity_profile_name", "JPKI_RESIDENT").put("certificate_authority_name", "JPKI_SIGN_CA")
                .put("username", RESIDENT).put("password", ApiBodies.CARD_EXPIRY.toString()));
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        serial = issued.json().getString("serial_number");
    }

    @AfterAll
    static void stop() {
        shomei.close();
    }

    @FuzzTest(maxDuration = "15s")
    void everyAnswerIsASuccessOrAnEjbcaClientErrorThatChangesNothing(byte[] input) {
        if (input.length == 0) {
            return;
        }
        String body = new String(Arrays.copyOfRange(input, 1, input.length), StandardCharsets.UTF_8);
        String before = shomei.storeSnapshot();
        MunicipalClient.Response response = shomei.overMunicipalLoopback(() -> send(Math.floorMod(input[0], 3), body));
        assertThat(response.status()).as("HTTP status, body %s", response.body()).isLessThan(500);
        if (response.status() == 414) {
            // A request line over the HTTP layer's limit never reaches the EJBCA API: Shomei's own problem body.
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.json().getString("code")).isEqualTo("uri-too-long");
            assertThat(shomei.storeSnapshot()).as("store after a refusal").isEqualTo(before);
        } else if (response.status() >= 400) {
            JsonObject error = response.json();
            assertThat(response.contentType()).startsWith("application/json");
            assertThat(error.fieldNames()).containsExactlyInAnyOrder("error_code", "error_message");
            assertThat(error.getInteger("error_code")).isEqualTo(response.status());
            assertThat(error.getString("error_message")).isNotBlank();
            assertThat(shomei.storeSnapshot()).as("store after a refusal").isEqualTo(before);
        }
    }

    private static MunicipalClient.Response send(int route, String body) {
        String api = EjbcaRestApi.BASE;
        return switch (route) {
            case 0 -> chiyoda.send("POST", api + "/certificate/pkcs10enroll", "application/json", body);
            case 1 -> chiyoda.send("POST", api + "/certificate/search", "application/json", body);
            default -> chiyoda.send("PUT", api + "/certificate/" + path(SIGN_DN) + "/" + serial + "/revoke?reason="
                    + URLEncoder.encode(body, StandardCharsets.UTF_8), "application/json", "");
        };
    }
}
