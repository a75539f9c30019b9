package jp.shomei.app.ejbca;

import static jp.shomei.app.support.JsonShape.assertSameShape;
import static jp.shomei.app.support.RunningShomei.CHIYODA;
import static jp.shomei.app.support.RunningShomei.MINATO;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import jp.shomei.app.support.ApiBodies;
import jp.shomei.app.support.Csrs;
import jp.shomei.app.support.Curl;
import jp.shomei.app.support.MunicipalClient;
import jp.shomei.app.support.RunningShomei;
import jp.shomei.ca.authority.OpenSsl;
import jp.shomei.ca.certificate.Pem;
import jp.shomei.ca.ejbca.EjbcaRestApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The EJBCA REST API v1 subset (docs/ejbca-rest.md) driven with curl as a client written for EJBCA
 * would drive it: every answer has the shape of EJBCA's example response (src/test/resources/ejbca),
 * what it issues openssl verifies against the CA certificate it hands out, and what it changes the
 * municipal API shows.
 */
class EjbcaRestOverHttpsTest {

    static final String API = EjbcaRestApi.BASE;
    static final String SIGN_DN =
            "OU=Japan Agency for Local Authority Information Systems,OU=JPKI for digital signature,O=JPKI,C=JP";
    static final String AUTH_DN =
            "OU=Japan Agency for Local Authority Information Systems,OU=JPKI for user authentication,O=JPKI,C=JP";

    @TempDir
    static Path root;
    static RunningShomei shomei;
    static Curl curl;
    static MunicipalClient chiyoda;

    @BeforeAll
    static void start() {
        shomei = RunningShomei.start(root);
        curl = shomei.curlAs(CHIYODA);
        chiyoda = shomei.as(CHIYODA);
    }

    @AfterAll
    static void stop() {
        if (shomei != null) {
            shomei.close();
        }
    }

    @Test
    void pkcs10EnrollIssuesACertificateThatOpensslVerifiesAgainstTheCaCertificateTheApiDownloads() {
        String resident = shomei.registerTaroInChiyoda();
        MunicipalClient.Response response = curl.post(API + "/certificate/pkcs10enroll",
                enrollment(resident, "JPKI_SIGN", Csrs.byOpenssl(shomei.work, "ejbca-sign")).encode()).response();

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.contentType()).startsWith("application/json");
        JsonObject issued = response.json();
        assertSameShape(issued, "/ejbca/pkcs10enroll-der.json");
        assertThat(issued.getString("response_format")).isEqualTo("DER");
        assertThat(issued.getString("serial_number")).matches("[0-9A-F]+");

        MunicipalClient.Response download = curl.get(API + "/ca/" + path(SIGN_DN) + "/certificate/download").response();
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.body()).startsWith("-----BEGIN CERTIFICATE-----");
        write("sign-ca.pem", download.body());
        write("ejbca-sign.pem", Pem.certificate(Base64.getDecoder().decode(issued.getString("certificate"))));
        assertThat(OpenSsl.succeed(shomei.work, "verify", "-CAfile", "sign-ca.pem", "ejbca-sign.pem"))
                .contains("ejbca-sign.pem: OK");
        assertThat(Pem.certificate(Base64.getDecoder().decode(issued.getJsonArray("certificate_chain").getString(0))))
                .isEqualTo(download.body());
        String opensslSerial = OpenSsl.succeed(shomei.work, "x509", "-in", "ejbca-sign.pem", "-noout", "-serial").strip();
        assertThat(new BigInteger(opensslSerial.substring("serial=".length()), 16))
                .isEqualTo(new BigInteger(issued.getString("serial_number"), 16));

        JsonObject history = chiyoda.get("/v1/certificates/" + issued.getString("serial_number") + "/history").json();
        assertThat(history.getJsonObject("certificate").getString("residentCode")).isEqualTo(resident);
        assertThat(history.getJsonObject("certificate").getString("cardExpiresOn")).isEqualTo(ApiBodies.CARD_EXPIRY.toString());
        assertThat(history.getJsonArray("audit").getJsonObject(0).getString("actor"))
                .startsWith("municipality:131016 ");
    }

    @Test
    void thePkcs7ResponseFormatCarriesTheCertificateAndTheChainAsCertsOnlyPkcs7ThatOpensslReads() {
        String resident = shomei.registerTaroInChiyoda();
        JsonObject request = enrollment(resident, "JPKI_AUTH", Csrs.rsa2048()).put("response_format", "PKCS7");
        MunicipalClient.Response response = curl.post(API + "/certificate/pkcs10enroll", request.encode()).response();

        assertThat(response.status()).isEqualTo(201);
        JsonObject issued = response.json();
        assertSameShape(issued, "/ejbca/pkcs10enroll-pkcs7.json");
        write("issued.p7b", new String(Base64.getDecoder().decode(issued.getString("certificate")), StandardCharsets.US_ASCII));
        write("chain.p7b", new String(Base64.getDecoder().decode(issued.getJsonArray("certificate_chain").getString(0)),
                StandardCharsets.US_ASCII));
        assertThat(OpenSsl.succeed(shomei.work, "pkcs7", "-in", "issued.p7b", "-print_certs", "-noout"))
                .contains("subject=C = JP, CN = ").contains("issuer=C = JP, O = JPKI, OU = JPKI for user authentication");
        assertThat(OpenSsl.succeed(shomei.work, "pkcs7", "-in", "chain.p7b", "-print_certs", "-noout"))
                .contains("subject=C = JP, O = JPKI, OU = JPKI for user authentication");
    }

    @Test
    void revokingWithKeyCompromiseRevokesTheCertificateAsTheMunicipalApiAndRevocationStatusShow() {
        String serial = enrolled(shomei.registerTaroInChiyoda(), "JPKI_SIGN");
        MunicipalClient.Response good = curl.get(API + "/certificate/" + path(SIGN_DN) + "/" + serial + "/revocationstatus")
                .response();
        assertThat(good.status()).isEqualTo(200);
        assertSameShape(good.json(), "/ejbca/revocationstatus-good.json");

        MunicipalClient.Response revoked = curl.run("PUT", API + "/certificate/" + path(SIGN_DN) + "/" + serial
                + "/revoke?reason=KEY_COMPROMISE", null).response();

        assertThat(revoked.status()).isEqualTo(200);
        JsonObject answer = revoked.json();
        assertSameShape(answer, "/ejbca/revoke.json");
        assertThat(answer.getString("issuer_dn")).isEqualTo(SIGN_DN);
        assertThat(answer.getString("serial_number")).isEqualTo(serial);
        assertThat(answer.getString("revocation_reason")).isEqualTo("KEY_COMPROMISE");
        assertThat(answer.getBoolean("revoked")).isTrue();
        assertThat(Instant.parse(answer.getString("revocation_date"))).isEqualTo(RunningShomei.START);
        JsonObject status = curl.get(API + "/certificate/" + path(SIGN_DN) + "/" + serial + "/revocationstatus").json();
        assertThat(status.getString("revocation_reason")).isEqualTo("KEY_COMPROMISE");
        assertThat(status.getBoolean("revoked")).isTrue();
        JsonObject shown = chiyoda.get("/v1/certificates/" + serial).json();
        assertThat(shown.getString("status")).isEqualTo("revoked");
        assertThat(shown.getString("revocationReason")).isEqualTo("keyCompromise");

        MunicipalClient.Response again = curl.run("PUT", API + "/certificate/" + path(SIGN_DN) + "/" + serial
                + "/revoke?reason=KEY_COMPROMISE", null).response();
        assertThat(again.status()).isEqualTo(409);
        assertSameShape(again.json(), "/ejbca/error.json");
    }

    @Test
    void certificateHoldSuspendsAndRemoveFromCrlLiftsTheSuspension() {
        String serial = enrolled(shomei.registerTaroInChiyoda(), "JPKI_AUTH");
        String certificate = API + "/certificate/" + path(AUTH_DN) + "/0x" + serial;

        MunicipalClient.Response hold = curl.run("PUT", certificate + "/revoke?reason=CERTIFICATE_HOLD", null).response();
        assertThat(hold.status()).isEqualTo(200);
        assertThat(chiyoda.get("/v1/certificates/" + serial).json().getString("status")).isEqualTo("on-hold");
        JsonObject held = curl.get(certificate + "/revocationstatus").json();
        assertSameShape(held, "/ejbca/revocationstatus-revoked.json");
        assertThat(held.getString("revocation_reason")).isEqualTo("CERTIFICATE_HOLD");

        MunicipalClient.Response lifted = curl.run("PUT", certificate + "/revoke?reason=REMOVE_FROM_CRL", null).response();
        assertThat(lifted.status()).isEqualTo(200);
        assertThat(lifted.json().getBoolean("revoked")).isFalse();
        assertThat(chiyoda.get("/v1/certificates/" + serial).json().getString("status")).isEqualTo("good");
        assertThat(curl.get(certificate + "/revocationstatus").json().getString("revocation_reason")).isEqualTo("NOT_REVOKED");
    }

    @Test
    void searchFindsAResidentsCertificatesByResidentCodeOrSerialAndFiltersThem() {
        String resident = shomei.registerTaroInChiyoda();
        String sign = enrolled(resident, "JPKI_SIGN");
        String auth = enrolled(resident, "JPKI_AUTH");
        curl.run("PUT", API + "/certificate/" + path(AUTH_DN) + "/" + auth + "/revoke?reason=UNSPECIFIED", null).response();

        JsonObject all = search(10, query(resident));
        assertSameShape(all, "/ejbca/search.json");
        assertThat(serials(all)).containsExactly(sign, auth);
        assertThat(all.getBoolean("more_results")).isFalse();
        assertThat(all.getJsonArray("certificates").getJsonObject(0).getString("certificate_profile")).isEqualTo("JPKI_SIGN");
        assertThat(all.getJsonArray("certificates").getJsonObject(0).getString("end_entity_profile")).isEqualTo("JPKI_RESIDENT");

        assertThat(serials(search(10, query(resident), criterion("CERTIFICATE_PROFILE", "JPKI_AUTH", "EQUAL"))))
                .containsExactly(auth);
        assertThat(serials(search(10, query(resident), criterion("STATUS", "CERT_ACTIVE", "EQUAL")))).containsExactly(sign);
        assertThat(serials(search(10, query(resident), criterion("STATUS", "REVOCATION_REASON_UNSPECIFIED", "EQUAL"),
                criterion("STATUS", "REVOCATION_REASON_KEYCOMPROMISE", "EQUAL")))).containsExactly(auth);
        assertThat(serials(search(10, query(resident), criterion("ISSUED_DATE", "2026-11-22T00:59:59Z", "BEFORE")))).isEmpty();
        JsonObject firstOnly = search(1, query(resident));
        assertThat(serials(firstOnly)).containsExactly(sign);
        assertThat(firstOnly.getBoolean("more_results")).isTrue();
        assertThat(serials(search(10, criterion("QUERY", sign, "EQUAL")))).containsExactly(sign);

        Curl minato = shomei.curlAs(MINATO);
        JsonObject foreign = minato.post(API + "/certificate/search", searchBody(10, query(resident)).encode()).json();
        assertThat(foreign.getJsonArray("certificates")).isEmpty();
    }

    @Test
    void statusAndTheCaListAnswerInEjbcaShapesUnderShomeisNames() {
        MunicipalClient.Response status = curl.get(API + "/certificate/status").response();
        assertThat(status.status()).isEqualTo(200);
        assertSameShape(status.json(), "/ejbca/status.json");
        assertThat(status.json().getString("status")).isEqualTo("OK");

        JsonObject cas = curl.get(API + "/ca").json();
        assertSameShape(cas, "/ejbca/ca.json");
        JsonArray list = cas.getJsonArray("certificate_authorities");
        assertThat(list.stream().map(ca -> ((JsonObject) ca).getString("name"))).containsExactly("JPKI_SIGN_CA", "JPKI_AUTH_CA");
        assertThat(list.getJsonObject(0).getString("subject_dn")).isEqualTo(SIGN_DN);
        assertThat(list.getJsonObject(0).getString("issuer_dn")).isEqualTo(SIGN_DN);
        assertThat(list.getJsonObject(1).getString("subject_dn")).isEqualTo(AUTH_DN);
    }

    @Test
    void getLatestCrlReturnsTheCallersSigningPartitionAndAnAuthenticationBucketSignedByTheCa() throws Exception {
        JsonObject sign = latestCrl(path(SIGN_DN) + "/getLatestCrl");
        assertSameShape(sign, "/ejbca/getLatestCrl.json");
        Files.write(shomei.work.resolve("sign.crl"), Base64.getDecoder().decode(sign.getString("crl")));
        write("sign-ca-for-crl.pem", curl.get(API + "/ca/" + path(SIGN_DN) + "/certificate/download").response().body());
        String checked = OpenSsl.succeed(shomei.work, "crl", "-inform", "DER", "-in", "sign.crl", "-CAfile",
                "sign-ca-for-crl.pem", "-noout", "-text");
        assertThat(checked).contains("CN = Chiyoda-ku CRLDP");

        JsonObject bucket = latestCrl(path(AUTH_DN) + "/getLatestCrl?crlPartitionIndex=7&deltaCrl=true");
        Files.write(shomei.work.resolve("b07.delta.crl"), Base64.getDecoder().decode(bucket.getString("crl")));
        assertThat(OpenSsl.succeed(shomei.work, "crl", "-inform", "DER", "-in", "b07.delta.crl", "-noout", "-text"))
                .contains("Partition b07 CRLDP").contains("Delta CRL Indicator");
    }

    @Test
    void aMunicipalityCannotRevokeAnotherMunicipalitysCertificateAndNothingChanges() {
        String serial = enrolled(shomei.registerTaroInChiyoda(), "JPKI_SIGN");
        String before = shomei.storeSnapshot();

        MunicipalClient.Response refused = shomei.curlAs(MINATO).run("PUT", API + "/certificate/" + path(SIGN_DN) + "/"
                + serial + "/revoke?reason=KEY_COMPROMISE", null).response();

        assertThat(refused.status()).isEqualTo(403);
        assertSameShape(refused.json(), "/ejbca/error.json");
        assertThat(refused.json().getInteger("error_code")).isEqualTo(403);
        assertThat(shomei.storeSnapshot()).isEqualTo(before);
    }

    /** The publisher writes its first CRLs in the background after start. */
    private static JsonObject latestCrl(String caPath) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            MunicipalClient.Response response = curl.get(API + "/ca/" + caPath).response();
            if (response.status() == 200 || Instant.now().isAfter(deadline)) {
                assertThat(response.status()).as(response.body()).isEqualTo(200);
                return response.json();
            }
            Thread.sleep(200);
        }
    }

    static JsonObject enrollment(String resident, String profile, String csr) {
        return new JsonObject()
                .put("certificate_request", csr)
                .put("certificate_profile_name", profile)
                .put("end_entity_profile_name", "JPKI_RESIDENT")
                .put("certificate_authority_name", profile + "_CA")
                .put("username", resident)
                .put("password", ApiBodies.CARD_EXPIRY.toString())
                .put("include_chain", true);
    }

    private static String enrolled(String resident, String profile) {
        MunicipalClient.Response response = curl.post(API + "/certificate/pkcs10enroll",
                enrollment(resident, profile, Csrs.rsa2048()).encode()).response();
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().getString("serial_number");
    }

    private static JsonObject search(int max, JsonObject... criteria) {
        MunicipalClient.Response response = curl.post(API + "/certificate/search", searchBody(max, criteria).encode())
                .response();
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static JsonObject searchBody(int max, JsonObject... criteria) {
        return new JsonObject().put("max_number_of_results", max).put("criteria", new JsonArray(java.util.List.of(criteria)));
    }

    private static JsonObject query(String value) {
        return criterion("QUERY", value, "EQUAL");
    }

    private static JsonObject criterion(String property, String value, String operation) {
        return new JsonObject().put("property", property).put("value", value).put("operation", operation);
    }

    private static java.util.List<String> serials(JsonObject searchResult) {
        return searchResult.getJsonArray("certificates").stream()
                .map(found -> ((JsonObject) found).getString("serial_number")).toList();
    }

    /** A DN as one path segment: percent-encoded, spaces as %20. */
    static String path(String dn) {
        return URLEncoder.encode(dn, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void write(String name, String content) {
        try {
            Files.writeString(shomei.work.resolve(name), content, StandardCharsets.US_ASCII);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
