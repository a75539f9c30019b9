package jp.shomei.app.est;

import static jp.shomei.app.support.RunningShomei.CHIYODA;
import static jp.shomei.app.support.RunningShomei.MINATO;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Base64;
import java.util.stream.Stream;
import jp.shomei.app.support.ApiBodies;
import jp.shomei.app.support.Csrs;
import jp.shomei.app.support.MunicipalClient;
import jp.shomei.app.support.RunningShomei;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A corpus of malformed and hostile EST requests: each gets the HTTP status RFC 7030 leaves to HTTP
 * (4xx with a text/plain reason that starts with Shomei's problem code), never a 500, and leaves the
 * store exactly as it was.
 */
class EstHostileInputTest {

    static final String EXPIRY = ApiBodies.CARD_EXPIRY.toString();

    @TempDir
    static Path root;
    static RunningShomei shomei;
    static MunicipalClient chiyoda;
    static String resident;
    static String minatoResident;

    @BeforeAll
    static void start() {
        shomei = RunningShomei.start(root);
        chiyoda = shomei.as(CHIYODA);
        resident = shomei.registerTaroInChiyoda();
        minatoResident = shomei.newResidentCode();
        assertThat(shomei.as(MINATO).put("/v1/residents/" + minatoResident, ApiBodies.resident(MINATO, ApiBodies.NAME,
                ApiBodies.DATE_OF_BIRTH, "male", "東京都港区芝公園一丁目")).status()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        if (shomei != null) {
            shomei.close();
        }
    }

    static Stream<Arguments> hostileRequests() {
        String pkcs10 = "application/pkcs10";
        String valid = EstClient.request("SERIALNUMBER=" + resident + ",CN=card", EXPIRY);
        byte[] der = Base64.getMimeDecoder().decode(valid);
        return Stream.of(
                Arguments.of("a JSON body", "POST", "sign/simpleenroll", "application/json", "{}", 415, "unsupported-media-type"),
                Arguments.of("no content type that EST knows", "POST", "sign/simpleenroll", "text/plain", valid, 415,
                        "unsupported-media-type"),
                Arguments.of("a body with no base64 in it", "POST", "sign/simpleenroll", pkcs10, "%%%%", 400, "invalid-csr"),
                Arguments.of("base64 of no DER", "POST", "sign/simpleenroll", pkcs10, "AAAAAAAA", 400, "invalid-csr"),
                Arguments.of("a PEM certificate request", "POST", "sign/simpleenroll", pkcs10, Csrs.pem(der), 400, "invalid-csr"),
                Arguments.of("a request whose signature fails", "POST", "sign/simpleenroll", pkcs10,
                        Base64.getEncoder().encodeToString(Csrs.decode(Csrs.withBrokenSignature(Csrs.pem(der)))), 400,
                        "csr-signature-invalid"),
                Arguments.of("a subject without serialNumber", "POST", "sign/simpleenroll", pkcs10,
                        EstClient.request("CN=" + resident, EXPIRY), 400, "invalid-field"),
                Arguments.of("a serialNumber that is no resident code", "POST", "sign/simpleenroll", pkcs10,
                        EstClient.request("SERIALNUMBER=12345,CN=card", EXPIRY), 400, "invalid-field"),
                Arguments.of("a challengePassword that is no date", "POST", "sign/simpleenroll", pkcs10,
                        EstClient.request("SERIALNUMBER=" + resident + ",CN=card", "s3cret"), 400, "invalid-field"),
                Arguments.of("enrolment without the card's expiry", "POST", "sign/simpleenroll", pkcs10,
                        EstClient.request("SERIALNUMBER=" + resident + ",CN=card", null), 400, "invalid-field"),
                Arguments.of("a body over 64 KiB", "POST", "sign/simpleenroll", pkcs10, "A".repeat(70_000), 413,
                        "payload-too-large"),
                Arguments.of("an unknown label", "POST", "phone/simpleenroll", pkcs10, valid, 404, "not-found"),
                Arguments.of("an unknown operation", "POST", "sign/serverkeygen", pkcs10, valid, 404, "not-found"),
                Arguments.of("a GET of an enrolment", "GET", "sign/simpleenroll", pkcs10, "", 405, "method-not-allowed"),
                Arguments.of("re-enrolment without a live certificate", "POST", "auth/simplereenroll", pkcs10, valid, 404,
                        "certificate-not-found"),
                Arguments.of("an unknown resident", "POST", "auth/simpleenroll", pkcs10,
                        EstClient.request("SERIALNUMBER=99999999999,CN=card", EXPIRY), 404, "resident-not-found"),
                Arguments.of("another municipality's resident", "POST", "auth/simpleenroll", pkcs10,
                        EstClient.request("SERIALNUMBER=" + minatoResident + ",CN=card", EXPIRY), 403, "foreign-municipality"),
                Arguments.of("an expired card", "POST", "auth/simpleenroll", pkcs10,
                        EstClient.request("SERIALNUMBER=" + resident + ",CN=card", "2020-01-01"), 422, "card-expired"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileRequests")
    void isRefusedWithAPlainTextReasonAndChangesNothing(String what, String method, String path, String contentType,
                                                        String body, int status, String code) {
        String before = shomei.storeSnapshot();

        MunicipalClient.Response response = chiyoda.send(method, EstClient.EST + path, contentType, body);

        assertRefusal(response, status, code);
        assertThat(shomei.storeSnapshot()).isEqualTo(before);
    }

    /** Vert.x refuses a path it cannot decode before any EST route runs: a bare 400 (see EjbcaHostileInputTest). */
    @Test
    void aLabelThatIsNotValidPercentEncodingIsABadRequestThatChangesNothing() {
        String before = shomei.storeSnapshot();

        MunicipalClient.Response response = shomei.curlAs(CHIYODA).send("POST", EstClient.EST + "%ZZ/simpleenroll",
                "application/pkcs10", EstClient.request("SERIALNUMBER=" + resident + ",CN=card", EXPIRY)).response();

        assertThat(response.status()).isEqualTo(400);
        assertThat(shomei.storeSnapshot()).isEqualTo(before);
    }

    @Test
    void enrolmentWithoutAMunicipalClientCertificateIsForbidden() {
        String before = shomei.storeSnapshot();

        MunicipalClient.Response response = shomei.anonymous().send("POST", EstClient.EST + "auth/simpleenroll",
                "application/pkcs10", EstClient.request("SERIALNUMBER=" + resident + ",CN=card", EXPIRY));

        assertRefusal(response, 403, "unauthenticated");
        assertThat(shomei.storeSnapshot()).isEqualTo(before);
    }

    private static void assertRefusal(MunicipalClient.Response response, int status, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).isEqualTo("text/plain; charset=utf-8");
        assertThat(response.body()).startsWith(code + ": ");
    }
}
