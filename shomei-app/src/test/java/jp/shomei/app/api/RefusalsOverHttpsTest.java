package jp.shomei.app.api;

import static jp.shomei.app.support.ProblemDetails.assertProblem;
import static jp.shomei.app.support.RunningShomei.CHIYODA;
import static jp.shomei.app.support.RunningShomei.MINATO;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.function.Supplier;
import jp.shomei.app.support.ApiBodies;
import jp.shomei.app.support.Csrs;
import jp.shomei.app.support.Curl;
import jp.shomei.app.support.MunicipalClient;
import jp.shomei.app.support.RunningShomei;
import jp.shomei.ca.api.credentials.LocalCredentials;
import jp.shomei.ca.authority.OpenSsl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every refusal of the municipal API: the right HTTP status, an RFC 9457 problem with Shomei's stable
 * code, no stack trace (checked on every response by {@link MunicipalClient.Response}) and, where the
 * request reached the store, a store left exactly as it was.
 */
class RefusalsOverHttpsTest {

    @TempDir
    static Path root;
    static RunningShomei shomei;
    static MunicipalClient chiyoda;
    static MunicipalClient minato;

    @BeforeAll
    static void start() {
        shomei = RunningShomei.start(root);
        chiyoda = shomei.as(CHIYODA);
        minato = shomei.as(MINATO);
    }

    @AfterAll
    static void stop() {
        if (shomei != null) {
            shomei.close();
        }
    }

    @Test
    void aRequestLineOverTheHttpLimitIsAnsweredWithAProblemBodyNotABareStatus() {
        MunicipalClient.Response response = chiyoda.get("/v1/residents/" + "1".repeat(5_000));

        assertThat(response.status()).isEqualTo(414);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().getString("code")).isEqualTo("uri-too-long");
        assertThat(chiyoda.get("/health").status()).as("the listener goes on serving").isEqualTo(200);
    }

    @Test
    void aSigningCertificateForAResidentOneDayShortOfFifteenIsRefusedAsNotEligible() {
        // 2026-11-22 in Japan: born 2011-11-23, the resident turns 15 tomorrow
        String resident = register(ApiBodies.resident(CHIYODA, "鈴木　花子", LocalDate.of(2011, 11, 23), "female",
                "東京都千代田区麹町一丁目"));

        JsonObject problem = refusedWithoutChange(422, "not-eligible-under-15", () -> enroll(resident, "sign", Csrs.rsa2048()));
        assertThat(problem.getString("detail")).contains("14 years old");
    }

    @Test
    void aRequestWhoseSignatureDoesNotVerifyIsRefused() {
        String resident = register(ApiBodies.taroInChiyoda());
        String broken = Csrs.withBrokenSignature(Csrs.byOpenssl(shomei.work, "broken"));

        refusedWithoutChange(400, "csr-signature-invalid", () -> enroll(resident, "sign", broken));
    }

    @Test
    void requestsForKeysOtherThanRsa2048AreRefusedAsUnsupported() {
        String resident = register(ApiBodies.taroInChiyoda());

        JsonObject ec = refusedWithoutChange(400, "unsupported-key", () -> enroll(resident, "auth", Csrs.ecP256()));
        assertThat(ec.getString("detail")).contains("EC P-256");
        JsonObject rsa1024 = refusedWithoutChange(400, "unsupported-key", () -> enroll(resident, "auth", Csrs.rsa(1024)));
        assertThat(rsa1024.getString("detail")).contains("RSA 1024-bit");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "this is not a certification request",
        "-----BEGIN CERTIFICATE REQUEST-----\nbm90IERFUg==\n-----END CERTIFICATE REQUEST-----\n",
        "-----BEGIN CERTIFICATE-----\nMAA=\n-----END CERTIFICATE-----\n"})
    void somethingThatIsNotAPkcs10RequestIsRefusedAsAnInvalidCsr(String csr) {
        String resident = register(ApiBodies.taroInChiyoda());

        refusedWithoutChange(400, "invalid-csr", () -> enroll(resident, "auth", csr));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{'ca':'sign','cardExpiresOn':'2036-05-10'}", // csr missing
        "{'ca':'sign','csr':CSR,'cardExpiresOn':'2036-05-10','pin':'1234'}", // unknown member
        "{'ca':'sign','csr':42,'cardExpiresOn':'2036-05-10'}", // wrong type
        "{'ca':'both','csr':CSR,'cardExpiresOn':'2036-05-10'}", // no such CA
        "{'ca':'sign','csr':CSR,'cardExpiresOn':'10 May 2036'}", // not a date
        "{'ca':'sign','csr':CSR}"}) // card expiry missing
    void aMissingUnknownOrMistypedMemberIsRefusedNamingTheMember(String template) {
        String resident = register(ApiBodies.taroInChiyoda());
        // everything else in the body is right, the CSR included
        String body = template.replace('\'', '"').replace("CSR", new JsonObject().put("csr", Csrs.rsa2048()).encode()
                .replaceFirst("^\\{\"csr\":", "").replaceFirst("}$", ""));

        JsonObject problem = refusedWithoutChange(400, "invalid-field",
                () -> chiyoda.post("/v1/residents/" + resident + "/certificates", body));
        assertThat(problem.getString("detail")).containsAnyOf("'csr'", "'pin'", "'ca'", "'cardExpiresOn'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ca=sign&csr=x", "[\"sign\"]", "{\"ca\":", ""})
    void aBodyThatIsNotAJsonObjectIsRefusedAsMalformed(String body) {
        String resident = register(ApiBodies.taroInChiyoda());

        refusedWithoutChange(400, "malformed-request", () -> chiyoda.post("/v1/residents/" + resident + "/certificates", body));
    }

    @Test
    void anAddressOfTwoHundredAndOneCharactersIsRefusedButTwoHundredAreAccepted() {
        String longest = "東京都" + "千".repeat(197);
        assertThat(longest.codePointCount(0, longest.length())).isEqualTo(200);
        JsonObject tooLong = ApiBodies.taroInChiyoda().put("address", longest + "一");

        JsonObject problem = refusedWithoutChange(400, "invalid-field",
                () -> chiyoda.put("/v1/residents/" + shomei.newResidentCode(), tooLong));
        assertThat(problem.getString("detail")).contains("201");

        String resident = register(ApiBodies.taroInChiyoda().put("address", longest));
        MunicipalClient.Response signing = enroll(resident, "sign", Csrs.rsa2048());
        assertThat(signing.status()).as(signing.body()).isEqualTo(201);
    }

    @Test
    void anotherMunicipalityCanNeitherSeeNorChangeAResidentOrTheirCertificates() {
        String resident = register(ApiBodies.taroInChiyoda());
        MunicipalClient.Response issued = enroll(resident, "sign", Csrs.rsa2048());
        assertThat(issued.status()).isEqualTo(201);
        String certificate = "/v1/certificates/" + issued.json().getString("serial");
        String csr = Csrs.rsa2048();

        Map<String, Supplier<MunicipalClient.Response>> calls = Map.of(
                "show resident", () -> minato.get("/v1/residents/" + resident),
                "change resident", () -> minato.put("/v1/residents/" + resident,
                        ApiBodies.taroInChiyoda().put("municipalityCode", MINATO).put("address", "東京都港区芝公園一丁目")),
                "enroll", () -> enroll(minato, resident, "auth", csr),
                "report death", () -> minato.post("/v1/residents/" + resident + "/death", new JsonObject().put("diedOn", "2026-11-21")),
                "show certificate", () -> minato.get(certificate),
                "history", () -> minato.get(certificate + "/history"),
                "suspend", () -> minato.post(certificate + "/suspend", ""),
                "revoke", () -> minato.post(certificate + "/revoke", new JsonObject().put("reason", "keyCompromise")),
                "renew", () -> minato.post(certificate + "/renew", new JsonObject().put("csr", csr)));
        calls.forEach((call, request) -> {
            String before = shomei.storeSnapshot();
            MunicipalClient.Response response = request.get();
            assertThat(response.status()).as(call).isEqualTo(403);
            assertProblem(response, 403, "foreign-municipality");
            assertThat(shomei.storeSnapshot()).as("store after %s", call).isEqualTo(before);
        });
        assertThat(chiyoda.get(certificate).json().getString("status")).isEqualTo("good");
    }

    @Test
    void aCallerWithoutAClientCertificateIsRefusedAsUnauthenticatedButHealthAndMetricsAnswer() {
        String resident = register(ApiBodies.taroInChiyoda());
        MunicipalClient anonymous = shomei.anonymous();

        refusedWithoutChange(401, "unauthenticated", () -> anonymous.get("/v1/residents/" + resident));
        refusedWithoutChange(401, "unauthenticated", () -> anonymous.put("/v1/residents/" + shomei.newResidentCode(),
                ApiBodies.taroInChiyoda()));
        refusedWithoutChange(401, "unauthenticated", () -> enroll(anonymous, resident, "sign", Csrs.rsa2048()));
        refusedWithoutChange(401, "unauthenticated",
                () -> shomei.curlWithoutClientCertificate().get("/v1/ca/sign/certificates").response());

        assertThat(anonymous.get("/health").status()).isEqualTo(200);
        assertThat(shomei.curlWithoutClientCertificate().get("/health").response().status()).isEqualTo(200);
        assertThat(anonymous.get("/metrics").status()).isEqualTo(200);
    }

    @Test
    void aClientCertificateNotIssuedByTheOperationsCaIsRejectedInTheTlsHandshake() {
        OpenSsl.succeed(shomei.work, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-days", "2", "-subj", "/C=JP/O=Shomei Municipal Systems/OU=131016/CN=Impostor issuance system",
                "-keyout", "impostor.key.pem", "-out", "impostor.pem");
        String before = shomei.storeSnapshot();

        Curl.Outcome outcome = shomei.curlWithoutClientCertificate()
                .withOptions("--cert", "impostor.pem", "--key", "impostor.key.pem")
                .put("/v1/residents/" + shomei.newResidentCode(), ApiBodies.taroInChiyoda().encode());

        assertThat(outcome.exitCode()).as("curl exit code").isNotZero();
        assertThat(outcome.status()).as("no HTTP answer: %s", outcome.errors()).isZero();
        assertThat(shomei.storeSnapshot()).isEqualTo(before);
    }

    @Test
    void aClientCertificateFromTheOperationsCaThatNamesNoMunicipalityIsRefusedAsUnauthenticated() throws Exception {
        Path work = shomei.work;
        LocalCredentials.Credential operations = shomei.server.credentials().operationsCa();
        Files.writeString(work.resolve("client.ext"), "extendedKeyUsage=clientAuth\n");
        OpenSsl.succeed(work, "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-subj", "/C=JP/O=Shomei Municipal Systems/CN=Unnamed issuance system",
                "-keyout", "unnamed.key.pem", "-out", "unnamed.csr.pem");
        OpenSsl.succeed(work, "x509", "-req", "-in", "unnamed.csr.pem", "-days", "2", "-extfile", "client.ext",
                "-CA", operations.certificate().toString(), "-CAkey", operations.privateKey().toString(),
                "-out", "unnamed.pem");

        JsonObject problem = refusedWithoutChange(401, "unauthenticated", () -> shomei.curlWithoutClientCertificate()
                .withOptions("--cert", "unnamed.pem", "--key", "unnamed.key.pem")
                .get("/v1/ca/sign/certificates").response());
        assertThat(problem.getString("detail")).contains("municipality");
    }

    @Test
    void aBodyOverSixtyFourKibibytesIsRefusedAsTooLarge() {
        String resident = register(ApiBodies.taroInChiyoda());
        String huge = ApiBodies.enrollment("sign", "A".repeat(64 * 1024)).encode();

        refusedWithoutChange(413, "payload-too-large",
                () -> shomei.curlAs(CHIYODA).post("/v1/residents/" + resident + "/certificates", huge).response());
        refusedWithoutChange(413, "payload-too-large",
                () -> chiyoda.post("/v1/residents/" + resident + "/certificates", huge));
    }

    @Test
    void anUnknownPathUnderV1IsNotFound() {
        refusedWithoutChange(404, "not-found", () -> chiyoda.get("/v1/no-such-thing"));
        refusedWithoutChange(404, "not-found", () -> chiyoda.post("/v1/residents", "{}"));
    }

    @Test
    void aMethodAKnownPathDoesNotTakeIsNotAllowed() {
        String resident = register(ApiBodies.taroInChiyoda());
        refusedWithoutChange(405, "method-not-allowed",
                () -> chiyoda.send("DELETE", "/v1/residents/" + resident, "application/json", ""));
    }

    @Test
    void aBodyThatIsNotJsonIsAnUnsupportedMediaType() {
        String resident = register(ApiBodies.taroInChiyoda());
        refusedWithoutChange(415, "unsupported-media-type", () -> chiyoda.send("PUT", "/v1/residents/" + resident,
                "application/x-www-form-urlencoded", "name=x"));
    }

    @Test
    void resumingARevokedCertificateIsRefusedAsAnIllegalTransition() {
        String serial = issue("auth");
        assertThat(chiyoda.post("/v1/certificates/" + serial + "/revoke", new JsonObject().put("reason", "unspecified"))
                .status()).isEqualTo(200);

        refusedWithoutChange(409, "illegal-transition", () -> chiyoda.post("/v1/certificates/" + serial + "/resume", ""));
    }

    @Test
    void renewingBeforeTheLastThreeMonthsIsRefusedAsTooEarly() {
        String serial = issue("sign");

        JsonObject problem = refusedWithoutChange(409, "renewal-too-early",
                () -> chiyoda.post("/v1/certificates/" + serial + "/renew", new JsonObject().put("csr", Csrs.rsa2048())));
        assertThat(problem.getString("detail")).contains("renewal opens at");
    }

    @Test
    void anUnknownSerialIsNotFound() {
        refusedWithoutChange(404, "certificate-not-found", () -> chiyoda.get("/v1/certificates/123456789abcdef"));
        refusedWithoutChange(404, "certificate-not-found", () -> chiyoda.post("/v1/certificates/123456789abcdef/suspend", ""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-hex", "12345678901234567890123456789012345678901", "-1f", "0x1f"})
    void aMalformedSerialIsRefusedAsAnInvalidField(String serial) {
        refusedWithoutChange(400, "invalid-field", () -> chiyoda.get("/v1/certificates/" + serial));
    }

    private static JsonObject refusedWithoutChange(int status, String code, Supplier<MunicipalClient.Response> call) {
        String before = shomei.storeSnapshot();
        JsonObject problem = assertProblem(call.get(), status, code);
        assertThat(shomei.storeSnapshot()).as("store after a refusal (%s)", code).isEqualTo(before);
        return problem;
    }

    private static String register(JsonObject resident) {
        String code = shomei.newResidentCode();
        MunicipalClient.Response registered = chiyoda.put("/v1/residents/" + code, resident);
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        return code;
    }

    private static String issue(String ca) {
        MunicipalClient.Response issued = enroll(register(ApiBodies.taroInChiyoda()), ca, Csrs.rsa2048());
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        return issued.json().getString("serial");
    }

    private static MunicipalClient.Response enroll(String resident, String ca, String csr) {
        return enroll(chiyoda, resident, ca, csr);
    }

    private static MunicipalClient.Response enroll(MunicipalClient client, String resident, String ca, String csr) {
        return client.post("/v1/residents/" + resident + "/certificates", ApiBodies.enrollment(ca, csr));
    }
}
