package jp.shomei.app.ejbca;

import static jp.shomei.app.ejbca.EjbcaRestOverHttpsTest.AUTH_DN;
import static jp.shomei.app.ejbca.EjbcaRestOverHttpsTest.SIGN_DN;
import static jp.shomei.app.ejbca.EjbcaRestOverHttpsTest.path;
import static jp.shomei.app.support.RunningShomei.CHIYODA;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.stream.Stream;
import jp.shomei.app.support.ApiBodies;
import jp.shomei.app.support.Csrs;
import jp.shomei.app.support.MunicipalClient;
import jp.shomei.app.support.RunningShomei;
import jp.shomei.ca.ejbca.EjbcaRestApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A corpus of malformed and hostile requests to the EJBCA REST API: each is answered with EJBCA's
 * error shape and the status EJBCA gives for the kind of mistake, never a 500, and leaves the store
 * exactly as it was.
 */
class EjbcaHostileInputTest {

    static final String API = EjbcaRestApi.BASE;

    @TempDir
    static Path root;
    static RunningShomei shomei;
    static MunicipalClient chiyoda;
    static String resident;
    /** A signing certificate of the resident, the target of the revocation requests. */
    static String serial;

    @BeforeAll
    static void start() {
        shomei = RunningShomei.start(root);
        chiyoda = shomei.as(CHIYODA);
        resident = shomei.registerTaroInChiyoda();
        MunicipalClient.Response issued = chiyoda.post(API + "/certificate/pkcs10enroll",
                enrollment().put("certificate_request", Csrs.rsa2048()).put("certificate_profile_name", "JPKI_SIGN")
                        .put("certificate_authority_name", "JPKI_SIGN_CA"));
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        serial = issued.json().getString("serial_number");
    }

    @AfterAll
    static void stop() {
        if (shomei != null) {
            shomei.close();
        }
    }

    static Stream<Arguments> hostileRequests() {
        String json = "application/json";
        String enroll = API + "/certificate/pkcs10enroll";
        String search = API + "/certificate/search";
        String sign = API + "/certificate/" + path(SIGN_DN) + "/";
        String validCsr = Csrs.rsa2048();
        return Stream.of(
                Arguments.of("truncated JSON", "POST", enroll, json, "{\"username\": \"1", 400),
                Arguments.of("a JSON array", "POST", enroll, json, "[1, 2]", 400),
                Arguments.of("no body", "POST", enroll, json, "", 400),
                Arguments.of("include_chain as a string", "POST", enroll, json,
                        enrollment().put("certificate_request", validCsr).put("include_chain", "yes").encode(), 400),
                Arguments.of("username as a number", "POST", enroll, json,
                        enrollment().put("certificate_request", validCsr).put("username", 12345678901L).encode(), 400),
                Arguments.of("an unknown member", "POST", enroll, json,
                        enrollment().put("certificate_request", validCsr).put("subject_dn", "CN=x").encode(), 400),
                Arguments.of("a missing member", "POST", enroll, json,
                        enrollment().put("certificate_request", validCsr).putNull("username").encode(), 400),
                Arguments.of("text that is no CSR", "POST", enroll, json,
                        enrollment().put("certificate_request", "not a certification request").encode(), 400),
                Arguments.of("PEM armour around garbage", "POST", enroll, json, enrollment().put("certificate_request",
                        "-----BEGIN CERTIFICATE REQUEST-----\n!!!!\n-----END CERTIFICATE REQUEST-----\n").encode(), 400),
                Arguments.of("base64 of no DER", "POST", enroll, json,
                        enrollment().put("certificate_request", "AAAAAAAA").encode(), 400),
                Arguments.of("a CSR whose signature fails", "POST", enroll, json,
                        enrollment().put("certificate_request", Csrs.withBrokenSignature(validCsr)).encode(), 400),
                Arguments.of("a card expiry that is no date", "POST", enroll, json,
                        enrollment().put("certificate_request", validCsr).put("password", "foo123").encode(), 400),
                Arguments.of("an unknown certificate profile", "POST", enroll, json,
                        enrollment().put("certificate_request", validCsr).put("certificate_profile_name", "ENDUSER").encode(), 400),
                Arguments.of("a CA that does not issue the profile", "POST", enroll, json, enrollment()
                        .put("certificate_request", validCsr).put("certificate_authority_name", "JPKI_SIGN_CA").encode(), 400),
                Arguments.of("an unknown end entity profile", "POST", enroll, json, enrollment()
                        .put("certificate_request", validCsr).put("end_entity_profile_name", "EMPTY").encode(), 400),
                Arguments.of("an unsupported response format", "POST", enroll, json,
                        enrollment().put("certificate_request", validCsr).put("response_format", "P12").encode(), 400),
                Arguments.of("a form instead of JSON", "POST", enroll, "application/x-www-form-urlencoded", "username=1", 415),
                Arguments.of("a body over 64 KiB", "POST", enroll, json,
                        enrollment().put("certificate_request", "A".repeat(70_000)).encode(), 413),
                Arguments.of("a DN that does not parse", "PUT", API + "/certificate/not%20a%20dn/" + serial
                        + "/revoke?reason=KEY_COMPROMISE", json, "", 400),
                Arguments.of("a DN of no CA", "PUT", API + "/certificate/" + path("CN=Nobody,C=JP") + "/" + serial
                        + "/revoke?reason=KEY_COMPROMISE", json, "", 404),
                Arguments.of("the other hierarchy's DN", "PUT", API + "/certificate/" + path(AUTH_DN) + "/" + serial
                        + "/revoke?reason=KEY_COMPROMISE", json, "", 404),
                Arguments.of("a serial that is no hex", "PUT", sign + "xyz/revoke?reason=KEY_COMPROMISE", json, "", 400),
                Arguments.of("a serial of 41 digits", "PUT", sign + "1".repeat(41) + "/revoke?reason=KEY_COMPROMISE", json, "", 400),
                Arguments.of("a serial nobody holds", "PUT", sign + "0x1234/revoke?reason=KEY_COMPROMISE", json, "", 404),
                Arguments.of("no revocation reason", "PUT", sign + serial + "/revoke", json, "", 400),
                Arguments.of("an unknown revocation reason", "PUT", sign + serial + "/revoke?reason=LOST", json, "", 400),
                Arguments.of("a CA compromise for a resident", "PUT", sign + serial + "/revoke?reason=CA_COMPROMISE", json, "", 400),
                Arguments.of("a back-dated revocation", "PUT", sign + serial
                        + "/revoke?reason=KEY_COMPROMISE&date=2026-01-01T00:00:00Z", json, "", 422),
                Arguments.of("a status of a bad serial", "GET", sign + "-1/revocationstatus", json, "", 400),
                Arguments.of("search with truncated JSON", "POST", search, json, "{\"criteria\": [", 400),
                Arguments.of("search with a count as a string", "POST", search, json,
                        "{\"max_number_of_results\": \"ten\", \"criteria\": []}", 400),
                Arguments.of("search for no results", "POST", search, json, searchBody(0, "QUERY", resident, "EQUAL"), 400),
                Arguments.of("search criteria as an object", "POST", search, json,
                        "{\"max_number_of_results\": 5, \"criteria\": {}}", 400),
                Arguments.of("search without a query", "POST", search, json, searchBody(5, "STATUS", "CERT_ACTIVE", "EQUAL"), 400),
                Arguments.of("search with LIKE", "POST", search, json, searchBody(5, "QUERY", resident, "LIKE"), 400),
                Arguments.of("search with an unknown property", "POST", search, json, searchBody(5, "SUBJECT", "x", "EQUAL"), 400),
                Arguments.of("search for a date that is none", "POST", search, json, "{\"max_number_of_results\": 5,"
                        + " \"criteria\": [{\"property\": \"QUERY\", \"value\": \"" + resident + "\", \"operation\": \"EQUAL\"},"
                        + " {\"property\": \"EXPIRE_DATE\", \"value\": \"soon\", \"operation\": \"BEFORE\"}]}", 400),
                Arguments.of("a query that is neither code nor serial", "POST", search, json,
                        searchBody(5, "QUERY", "yamada", "EQUAL"), 400),
                Arguments.of("a CA download of a bad DN", "GET", API + "/ca/%3D%3D/certificate/download", json, "", 400),
                Arguments.of("a CRL partition that is no number", "GET", API + "/ca/" + path(AUTH_DN)
                        + "/getLatestCrl?crlPartitionIndex=one", json, "", 400),
                Arguments.of("a CRL partition out of range", "GET", API + "/ca/" + path(AUTH_DN)
                        + "/getLatestCrl?crlPartitionIndex=64", json, "", 400),
                Arguments.of("another municipality's CRL partition", "GET", API + "/ca/" + path(SIGN_DN)
                        + "/getLatestCrl?crlPartitionIndex=1", json, "", 400),
                Arguments.of("a delta flag that is no boolean", "GET", API + "/ca/" + path(SIGN_DN)
                        + "/getLatestCrl?deltaCrl=maybe", json, "", 400),
                Arguments.of("a path EJBCA has but Shomei does not offer", "POST", API + "/certificate/enrollkeystore", json, "{}", 404),
                Arguments.of("a method the path does not take", "DELETE", search, json, "", 405));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileRequests")
    void isRefusedInEjbcaErrorShapeAndChangesNothing(String what, String method, String path, String contentType,
                                                     String body, int status) {
        String before = shomei.storeSnapshot();

        MunicipalClient.Response response = chiyoda.send(method, path, contentType, body);

        assertEjbcaError(response, status);
        assertThat(shomei.storeSnapshot()).isEqualTo(before);
    }

    /**
     * Vert.x decodes the path before any route of Shomei's runs and refuses one it cannot decode itself,
     * with a bare 400: not EJBCA's error shape, but a client error that reaches nothing.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/certificate/%ZZ/1/revocationstatus", "/ca/%/certificate/download"})
    void aPathThatIsNotValidPercentEncodingIsABadRequestThatChangesNothing(String path) {
        String before = shomei.storeSnapshot();

        MunicipalClient.Response response = shomei.curlAs(CHIYODA).run("PUT", API + path, null).response();

        assertThat(response.status()).isEqualTo(400);
        assertThat(shomei.storeSnapshot()).isEqualTo(before);
    }

    @Test
    void aClientWithoutAMunicipalCertificateIsRefusedAsUnauthenticated() {
        String before = shomei.storeSnapshot();

        MunicipalClient.Response response = shomei.anonymous().post(API + "/certificate/pkcs10enroll",
                enrollment().put("certificate_request", Csrs.rsa2048()));

        assertEjbcaError(response, 401);
        assertThat(shomei.storeSnapshot()).isEqualTo(before);
    }

    private static void assertEjbcaError(MunicipalClient.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/json");
        JsonObject error = response.json();
        assertThat(error.fieldNames()).containsExactlyInAnyOrder("error_code", "error_message");
        assertThat(error.getInteger("error_code")).isEqualTo(status);
        assertThat(error.getString("error_message")).isNotBlank();
    }

    private static JsonObject enrollment() {
        return new JsonObject()
                .put("certificate_profile_name", "JPKI_AUTH")
                .put("end_entity_profile_name", "JPKI_RESIDENT")
                .put("certificate_authority_name", "JPKI_AUTH_CA")
                .put("username", resident)
                .put("password", ApiBodies.CARD_EXPIRY.toString());
    }

    private static String searchBody(int max, String property, String value, String operation) {
        return "{\"max_number_of_results\": " + max + ", \"criteria\": [{\"property\": \"" + property + "\", \"value\": \""
                + value + "\", \"operation\": \"" + operation + "\"}]}";
    }
}
