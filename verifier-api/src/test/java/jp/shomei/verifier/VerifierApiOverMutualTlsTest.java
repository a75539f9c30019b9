package jp.shomei.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import jp.shomei.ca.audit.AuditEntry;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.ca.authority.OpenSsl;
import jp.shomei.ca.certificate.AuthenticationMode;
import jp.shomei.ca.certificate.RevocationReason;
import jp.shomei.ca.testsupport.PostgresSchemas;
import jp.shomei.ca.testsupport.SharedKeySource;
import jp.shomei.ca.testsupport.TestCa;
import jp.shomei.ca.testsupport.TestRequests;
import jp.shomei.ca.verifier.VerifierClass;
import jp.shomei.verifier.support.Curl;
import jp.shomei.verifier.support.VerifierTestBed;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verifier API as a relying party meets it: curl over mutual TLS against a CA on the real
 * PostgreSQL server, openssl making the signatures. One rule per test.
 */
class VerifierApiOverMutualTlsTest {

    @RegisterExtension
    static final SharedKeySource KEYS = new SharedKeySource();
    @RegisterExtension
    static final PostgresSchemas SCHEMAS = new PostgresSchemas();

    @TempDir
    Path work;
    private VerifierTestBed bed;

    @BeforeEach
    void start() {
        bed = new VerifierTestBed(SCHEMAS.newDatabase(), KEYS.source(), work);
    }

    @AfterEach
    void stop() {
        bed.close();
    }

    @Test
    void a_client_without_a_certificate_or_with_an_unregistered_one_is_refused() {
        Curl.Response anonymous = bed.anonymous().post(bed.verifierUrl("/v1/validations"), "{}");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.code()).isEqualTo("unauthenticated");

        Curl.Response municipality = bed.municipality().post(bed.verifierUrl("/v1/validations"), "{}");
        assertThat(municipality.status()).isEqualTo(403);
        assertThat(municipality.code()).isEqualTo("unregistered-verifier");
        assertThat(municipality.headers().get("content-type")).isEqualTo("application/problem+json");
    }

    @Test
    void a_current_signing_certificate_validates_with_its_kind_and_status() {
        Curl bank = bed.verifier("bank", VerifierClass.SIGNATURE);
        VerifierTestBed.Issued signing = bed.enroll(CaKind.SIGNING);

        JsonObject answer = validate(bank, signing.pem()).json();

        assertThat(answer.getBoolean("valid")).isTrue();
        assertThat(answer.getString("kind")).isEqualTo("sign");
        assertThat(answer.getString("status")).isEqualTo("good");
        assertThat(answer.getString("serial")).isEqualTo(signing.record().serialHex());
        assertThat(answer.getJsonArray("reasons")).isEmpty();
    }

    @Test
    void an_authentication_certificate_reports_whether_it_is_face_only_now_and_at_a_past_instant() {
        Curl platform = bed.verifier("platform", VerifierClass.AUTHENTICATION);
        VerifierTestBed.Issued authentication = bed.enroll(CaKind.AUTHENTICATION);
        JsonObject withPin = validate(platform, authentication.pem()).json();
        Instant beforeSwitch = bed.ca.clock.instant().plusSeconds(1);
        bed.ca.clock.advance(Duration.ofMinutes(5));
        bed.ca.services.certificates().switchAuthenticationMode(TestCa.CHIYODA, VerifierTestBed.RESIDENT,
                AuthenticationMode.FACE);

        JsonObject faceOnly = validate(platform, authentication.pem()).json();
        JsonObject then = platform.post(bed.verifierUrl("/v1/validations"), new JsonObject()
                .put("certificate", authentication.pem()).put("at", beforeSwitch.toString()).encode()).json();

        assertThat(withPin.getBoolean("valid")).isTrue();
        assertThat(withPin.getString("kind")).isEqualTo("auth");
        assertThat(withPin.getString("device")).isEqualTo("card");
        assertThat(withPin.getBoolean("faceAuthenticationOnly")).isFalse();
        assertThat(faceOnly.getBoolean("valid")).isTrue();
        assertThat(faceOnly.getBoolean("faceAuthenticationOnly")).isTrue();
        assertThat(then.getBoolean("faceAuthenticationOnly")).isFalse();
    }

    @Test
    void a_certificate_of_the_other_class_answers_exactly_as_one_from_a_foreign_ca() throws Exception {
        Curl platform = bed.verifier("platform", VerifierClass.AUTHENTICATION);
        VerifierTestBed.Issued signing = bed.enroll(CaKind.SIGNING);
        String foreign = throwawayCaCertificate();

        JsonObject otherClass = validate(platform, signing.pem()).json();
        JsonObject unknown = validate(platform, foreign).json();

        assertThat(otherClass.getBoolean("valid")).isFalse();
        assertThat(otherClass.fieldNames()).isEqualTo(unknown.fieldNames());
        assertThat(otherClass.getJsonArray("reasons")).isEqualTo(unknown.getJsonArray("reasons"));
        assertThat(otherClass.getJsonArray("reasons").getJsonObject(0).getString("code")).isEqualTo("untrusted-issuer");

        Curl.Response bySerial = platform.get(bed.verifierUrl("/v1/certificates/" + signing.record().serialHex() + "/successors"));
        Curl.Response noSuchSerial = platform.get(bed.verifierUrl("/v1/certificates/abcdef0123/successors"));
        assertThat(bySerial.status()).isEqualTo(noSuchSerial.status()).isEqualTo(404);
        assertThat(bySerial.json().getString("detail").replace(signing.record().serialHex(), "abcdef0123"))
                .isEqualTo(noSuchSerial.json().getString("detail"));
    }

    @Test
    void the_real_jpki_ca_certificate_does_not_validate_against_shomei_though_it_bears_the_same_name() throws Exception {
        Curl bank = bed.verifier("bank", VerifierClass.SIGNATURE);
        String jpki = Files.readString(Path.of("/work/shared/fixtures/jpki-ca/sign_ca_2023.pem"));

        JsonObject answer = validate(bank, jpki).json();

        assertThat(answer.getBoolean("valid")).isFalse();
        assertThat(answer.getJsonArray("reasons").getJsonObject(0).getString("code")).isEqualTo("signature-invalid");
        assertThat(answer.containsKey("status")).isFalse();
    }

    @Test
    void status_is_answered_now_or_at_a_given_instant() {
        Curl bank = bed.verifier("bank", VerifierClass.SIGNATURE);
        VerifierTestBed.Issued signing = bed.enroll(CaKind.SIGNING);
        Instant beforeRevocation = bed.ca.clock.instant().plusSeconds(30);
        bed.ca.clock.advance(Duration.ofHours(1));
        bed.ca.services.certificates().revoke(TestCa.CHIYODA, signing.record().serial(), RevocationReason.KEY_COMPROMISE);

        JsonObject now = validate(bank, signing.pem()).json();
        JsonObject then = bank.post(bed.verifierUrl("/v1/validations"), new JsonObject()
                .put("certificate", signing.pem()).put("at", beforeRevocation.toString()).encode()).json();

        assertThat(now.getBoolean("valid")).isFalse();
        assertThat(now.getString("status")).isEqualTo("revoked");
        assertThat(now.getString("revocationReason")).isEqualTo("keyCompromise");
        assertThat(now.getJsonArray("reasons").getJsonObject(0).getString("code")).isEqualTo("revoked");
        assertThat(then.getBoolean("valid")).isTrue();
        assertThat(then.getString("status")).isEqualTo("good");
    }

    @Test
    void garbage_is_refused_with_a_precise_problem() {
        Curl bank = bed.verifier("bank", VerifierClass.SIGNATURE);

        Curl.Response notACertificate = bank.post(bed.verifierUrl("/v1/validations"), "{\"certificate\":\"garbage\"}");
        Curl.Response notJson = bank.post(bed.verifierUrl("/v1/validations"), "{certificate");
        Curl.Response wrongType = bank.send("POST", bed.verifierUrl("/v1/validations"), "hello", "text/plain");
        Curl.Response unknownMember = bank.post(bed.verifierUrl("/v1/validations"), "{\"cert\":\"x\"}");
        Curl.Response badSerial = bank.get(bed.verifierUrl("/v1/certificates/not-hex/successors"));
        Curl.Response badCms = bank.post(bed.verifierUrl("/v1/signatures"), "{\"signedData\":\"AAAA\"}");

        assertThat(notACertificate.status()).isEqualTo(400);
        assertThat(notACertificate.code()).isEqualTo("invalid-field");
        assertThat(notJson.code()).isEqualTo("malformed-request");
        assertThat(wrongType.status()).isEqualTo(415);
        assertThat(unknownMember.code()).isEqualTo("invalid-field");
        assertThat(badSerial.code()).isEqualTo("invalid-field");
        assertThat(badCms.status()).isEqualTo(400);
        assertThat(badCms.json().getString("detail")).startsWith("not a CMS SignedData");
    }

    @Test
    void a_batch_answers_each_certificate_and_refuses_more_than_a_thousand() {
        Curl bank = bed.verifier("bank", VerifierClass.SIGNATURE);
        VerifierTestBed.Issued signing = bed.enroll(CaKind.SIGNING);

        JsonArray results = bank.post(bed.verifierUrl("/v1/validations/batch"), new JsonObject().put("certificates",
                new JsonArray().add(signing.pem()).add("garbage")).encode()).json().getJsonArray("results");
        Curl.Response tooMany = bank.post(bed.verifierUrl("/v1/validations/batch"), new JsonObject().put("certificates",
                new JsonArray(Collections.nCopies(1001, signing.pem()))).encode());
        Curl.Response empty = bank.post(bed.verifierUrl("/v1/validations/batch"), "{\"certificates\":[]}");

        assertThat(results.getJsonObject(0).getBoolean("valid")).isTrue();
        assertThat(results.getJsonObject(1).getJsonArray("reasons").getJsonObject(0).getString("code"))
                .isEqualTo("malformed-certificate");
        assertThat(tooMany.status()).isEqualTo(413);
        assertThat(tooMany.code()).isEqualTo("batch-too-large");
        assertThat(empty.status()).isEqualTo(400);
    }

    @Test
    void a_signature_is_verified_with_its_certificate_status_at_signing_time_attached_or_detached() throws Exception {
        Curl bank = bed.verifier("bank", VerifierClass.SIGNATURE);
        VerifierTestBed.Issued signing = bed.enroll(CaKind.SIGNING);
        Path[] files = bed.pemFiles(signing);
        Files.writeString(work.resolve("contract.txt"), "I agree to the terms.");
        OpenSsl.succeed(work, "cms", "-sign", "-binary", "-in", "contract.txt", "-signer", files[0].toString(), "-inkey",
                files[1].toString(), "-outform", "DER", "-nodetach", "-out", "attached.p7s");
        OpenSsl.succeed(work, "cms", "-sign", "-binary", "-in", "contract.txt", "-signer", files[0].toString(), "-inkey",
                files[1].toString(), "-outform", "DER", "-out", "detached.p7s");
        bed.ca.clock.advance(Duration.ofHours(2));
        bed.ca.services.certificates().revoke(TestCa.CHIYODA, signing.record().serial(), RevocationReason.KEY_COMPROMISE);

        JsonObject attached = bank.post(bed.verifierUrl("/v1/signatures"), new JsonObject()
                .put("signedData", base64(work.resolve("attached.p7s"))).encode()).json();
        JsonObject detached = bank.post(bed.verifierUrl("/v1/signatures"), new JsonObject()
                .put("signedData", base64(work.resolve("detached.p7s")))
                .put("content", base64(work.resolve("contract.txt"))).encode()).json();
        JsonObject tampered = bank.post(bed.verifierUrl("/v1/signatures"), new JsonObject()
                .put("signedData", base64(work.resolve("detached.p7s")))
                .put("content", Base64.getEncoder().encodeToString("I agree to nothing.".getBytes())).encode()).json();

        assertThat(attached.getBoolean("valid")).as(attached.encodePrettily()).isTrue();
        assertThat(attached.getJsonObject("signer").getString("status")).isEqualTo("good");
        assertThat(detached.getBoolean("valid")).as(detached.encodePrettily()).isTrue();
        assertThat(tampered.getBoolean("valid")).isFalse();
        assertThat(tampered.getBoolean("signatureValid")).isFalse();
    }

    @Test
    void a_verifier_over_its_rate_is_told_when_to_retry() {
        Curl slow = bed.verifier("slow", VerifierClass.SIGNATURE, 1);
        String pem = bed.enroll(CaKind.SIGNING).pem();

        Curl.Response first = validate(slow, pem);
        Curl.Response second = validate(slow, pem);

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(429);
        assertThat(second.code()).isEqualTo("rate-limited");
        assertThat(second.headers().get("retry-after")).isEqualTo("1");
    }

    @Test
    void the_feed_carries_status_changes_of_registered_customers_only() {
        Curl bank = bed.verifier("bank", VerifierClass.SIGNATURE);
        VerifierTestBed.Issued customer = bed.enroll(CaKind.SIGNING);
        VerifierTestBed.Issued stranger = bed.enroll(CaKind.AUTHENTICATION);
        assertThat(bank.put(bed.verifierUrl("/v1/customers/" + customer.record().serialHex()), null).status()).isEqualTo(201);
        bed.ca.services.certificates().suspend(TestCa.CHIYODA, stranger.record().serial());
        bed.ca.services.certificates().suspend(TestCa.CHIYODA, customer.record().serial());

        JsonObject page = bank.get(bed.verifierUrl("/v1/feed?after=0&limit=10")).json();
        JsonObject after = bank.get(bed.verifierUrl("/v1/feed?after=" + page.getLong("next"))).json();
        Curl.Response notACustomer = bank.get(bed.verifierUrl("/v1/customers/" + stranger.record().serialHex()));

        assertThat(page.getJsonArray("changes").stream().map(change -> ((JsonObject) change).getString("status")))
                .containsExactly("good", "on-hold");
        assertThat(page.getJsonArray("changes").getJsonObject(0).getString("serial")).isEqualTo(customer.record().serialHex());
        assertThat(after.getJsonArray("changes")).isEmpty();
        assertThat(notACustomer.status()).isEqualTo(404);
        assertThat(notACustomer.code()).isEqualTo("customer-not-registered");
    }

    @Test
    void a_renewed_certificate_leads_to_its_successor_and_only_both_classes_map_signing_to_authentication() {
        Curl bank = bed.verifier("bank", VerifierClass.SIGNATURE);
        Curl both = bed.verifier("both", VerifierClass.BOTH);
        VerifierTestBed.Issued old = bed.enroll(CaKind.SIGNING, LocalDate.now().plusDays(60));
        VerifierTestBed.Issued authentication = bed.enroll(CaKind.AUTHENTICATION);
        BigInteger successor = bed.ca.services.certificates().renew(TestCa.CHIYODA, old.record().serial(),
                TestRequests.publicKeyInfo(TestRequests.rsa(2048)), java.util.Optional.of(LocalDate.now().plusYears(8)))
                .successor().serial();

        JsonObject chain = bank.get(bed.verifierUrl("/v1/certificates/" + old.record().serialHex() + "/successors")).json();
        Curl.Response refused = bank.get(bed.verifierUrl("/v1/certificates/" + successor.toString(16) + "/authentication-certificates"));
        JsonObject mapping = both.get(bed.verifierUrl("/v1/certificates/" + successor.toString(16) + "/authentication-certificates")).json();

        assertThat(chain.getJsonObject("certificate").getString("revocationReason")).isEqualTo("superseded");
        assertThat(chain.getJsonArray("successors").getJsonObject(0).getString("serial")).isEqualTo(successor.toString(16));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("verifier-class-insufficient");
        assertThat(mapping.getJsonArray("authenticationCertificates").getJsonObject(0).getString("serial"))
                .isEqualTo(authentication.record().serialHex());
    }

    @Test
    void basic_four_need_a_consent_in_force_and_each_disclosure_is_audited() {
        Curl bank = bed.verifier("bank", VerifierClass.SIGNATURE);
        VerifierTestBed.Issued signing = bed.enroll(CaKind.SIGNING);
        String url = bed.verifierUrl("/v1/certificates/" + signing.record().serialHex() + "/basic-four");

        Curl.Response without = bank.get(url);
        Curl.Response recorded = bed.municipality().post(bed.municipalUrl("/v1/residents/" + VerifierTestBed.RESIDENT + "/consents"),
                new JsonObject().put("verifier", "bank").put("purpose", VerifierTestBed.PURPOSE)
                        .put("expiresAt", bed.ca.clock.instant().plus(Duration.ofDays(30)).toString()).encode());
        JsonObject disclosed = bank.get(url).json();

        assertThat(without.status()).isEqualTo(403);
        assertThat(without.code()).isEqualTo("consent-missing");
        assertThat(recorded.status()).as(recorded.body()).isEqualTo(201);
        assertThat(disclosed.getString("name")).isEqualTo("山田　太郎");
        assertThat(disclosed.getString("address")).isEqualTo("東京都千代田区千代田１－１");
        assertThat(disclosed.getString("dateOfBirth")).isEqualTo("1990-05-10");
        assertThat(disclosed.getString("sex")).isEqualTo("male");
        assertThat(disclosed.getBoolean("addressWithheld")).isFalse();
        List<AuditEntry> audit = bed.ca.store.read(tx -> tx.auditOf(signing.record().serial()));
        assertThat(audit).anySatisfy(entry -> {
            assertThat(entry.actor()).isEqualTo("verifier:bank");
            assertThat(entry.action()).isEqualTo("basic-four.disclose");
            assertThat(entry.detail()).contains(VerifierTestBed.PURPOSE).contains("fields name,dateOfBirth,sex,address");
        });
    }

    @Test
    void an_expired_or_withdrawn_consent_discloses_nothing() {
        Curl bank = bed.verifier("bank", VerifierClass.SIGNATURE);
        VerifierTestBed.Issued signing = bed.enroll(CaKind.SIGNING);
        String url = bed.verifierUrl("/v1/certificates/" + signing.record().serialHex() + "/basic-four");
        bed.ca.services.consents().record(TestCa.CHIYODA, VerifierTestBed.RESIDENT, "bank", VerifierTestBed.PURPOSE,
                bed.ca.clock.instant().plus(Duration.ofDays(1)));
        bed.ca.clock.advance(Duration.ofDays(2));

        Curl.Response expired = bank.get(url);
        String consent = bed.municipality().post(bed.municipalUrl("/v1/residents/" + VerifierTestBed.RESIDENT + "/consents"),
                new JsonObject().put("verifier", "bank").put("purpose", VerifierTestBed.PURPOSE)
                        .put("expiresAt", bed.ca.clock.instant().plus(Duration.ofDays(30)).toString()).encode()).json().getString("id");
        Curl.Response withdrawal = bed.municipality().post(bed.municipalUrl("/v1/consents/" + consent + "/withdraw"), null);
        bed.ca.clock.advance(Duration.ofSeconds(1));
        Curl.Response withdrawn = bank.get(url);

        assertThat(expired.status()).isEqualTo(403);
        assertThat(expired.code()).isEqualTo("consent-expired");
        assertThat(withdrawal.status()).isEqualTo(200);
        assertThat(withdrawn.status()).isEqualTo(403);
        assertThat(withdrawn.code()).isEqualTo("consent-withdrawn");
        List<AuditEntry> audit = bed.ca.store.read(tx -> tx.auditOf(signing.record().serial()));
        assertThat(audit).noneMatch(entry -> entry.action().equals("basic-four.disclose"));
    }

    @Test
    void a_protected_residents_address_is_withheld_whatever_the_consent() {
        Curl bank = bed.verifier("bank", VerifierClass.SIGNATURE);
        VerifierTestBed.Issued signing = bed.enroll(CaKind.SIGNING);
        bed.ca.services.consents().record(TestCa.CHIYODA, VerifierTestBed.RESIDENT, "bank", VerifierTestBed.PURPOSE,
                bed.ca.clock.instant().plus(Duration.ofDays(30)));
        Curl.Response protection = bed.municipality().put(bed.municipalUrl("/v1/residents/" + VerifierTestBed.RESIDENT
                + "/address-protection"), "{\"protected\":true}");

        Curl.Response answer = bank.get(bed.verifierUrl("/v1/certificates/" + signing.record().serialHex() + "/basic-four"));

        assertThat(protection.status()).isEqualTo(200);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).doesNotContain("千代田１－１");
        assertThat(answer.json().getValue("address")).isNull();
        assertThat(answer.json().getBoolean("addressWithheld")).isTrue();
        List<AuditEntry> audit = bed.ca.store.read(tx -> tx.auditOf(signing.record().serial()));
        assertThat(audit).anySatisfy(entry -> assertThat(entry.detail()).contains("fields name,dateOfBirth,sex;"));
    }

    @Test
    void a_consent_document_signed_with_the_residents_signing_certificate_is_recorded() throws Exception {
        Curl bank = bed.verifier("bank", VerifierClass.SIGNATURE);
        VerifierTestBed.Issued signing = bed.enroll(CaKind.SIGNING);
        Path[] files = bed.pemFiles(signing);
        Files.writeString(work.resolve("consent.json"), new JsonObject().put("verifier", "bank")
                .put("purpose", VerifierTestBed.PURPOSE)
                .put("expiresAt", bed.ca.clock.instant().plus(Duration.ofDays(30)).toString()).encode());
        OpenSsl.succeed(work, "cms", "-sign", "-binary", "-in", "consent.json", "-signer", files[0].toString(), "-inkey",
                files[1].toString(), "-outform", "DER", "-nodetach", "-out", "consent.p7s");

        Curl.Response recorded = bed.municipality().post(bed.municipalUrl("/v1/residents/" + VerifierTestBed.RESIDENT + "/consents"),
                new JsonObject().put("document", base64(work.resolve("consent.p7s"))).encode());
        Curl.Response forged = bed.municipality().post(bed.municipalUrl("/v1/residents/" + VerifierTestBed.RESIDENT + "/consents"),
                new JsonObject().put("document", Base64.getEncoder().encodeToString("not cms".getBytes())).encode());

        assertThat(recorded.status()).as(recorded.body()).isEqualTo(201);
        assertThat(recorded.json().getString("recordedBy")).isEqualTo("document signed with " + signing.record().serialHex());
        assertThat(bank.get(bed.verifierUrl("/v1/certificates/" + signing.record().serialHex() + "/basic-four")).status())
                .isEqualTo(200);
        assertThat(forged.status()).isEqualTo(400);
        assertThat(forged.code()).isEqualTo("invalid-consent-document");
    }

    @Test
    void a_consent_for_another_purpose_than_the_verifier_stated_is_refused() {
        bed.verifier("bank", VerifierClass.SIGNATURE);

        Curl.Response refused = bed.municipality().post(bed.municipalUrl("/v1/residents/" + VerifierTestBed.RESIDENT + "/consents"),
                new JsonObject().put("verifier", "bank").put("purpose", "marketing")
                        .put("expiresAt", bed.ca.clock.instant().plus(Duration.ofDays(30)).toString()).encode());

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.code()).isEqualTo("consent-purpose-mismatch");
    }

    @Test
    void an_authentication_verifier_cannot_reach_basic_four_at_all() {
        Curl platform = bed.verifier("platform", VerifierClass.AUTHENTICATION);
        VerifierTestBed.Issued signing = bed.enroll(CaKind.SIGNING);

        Curl.Response answer = platform.get(bed.verifierUrl("/v1/certificates/" + signing.record().serialHex() + "/basic-four"));

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.code()).isEqualTo("certificate-not-found");
    }

    @Test
    void the_openapi_document_is_served() {
        Curl.Response document = bed.anonymous().get(bed.verifierUrl("/openapi.yaml"));

        assertThat(document.status()).isEqualTo(200);
        assertThat(document.body()).startsWith("openapi: 3.").contains("/v1/validations/batch");
    }

    private Curl.Response validate(Curl client, String pem) {
        return client.post(bed.verifierUrl("/v1/validations"), new JsonObject().put("certificate", pem).encode());
    }

    private static String base64(Path file) throws java.io.IOException {
        return Base64.getEncoder().encodeToString(Files.readAllBytes(file));
    }

    /** An end-entity certificate from a CA made for this test, nothing to do with Shomei. */
    private static String throwawayCaCertificate() throws Exception {
        KeyPair caKeys = TestRequests.rsa(2048);
        X500Name name = new X500Name("CN=Throwaway CA");
        Instant now = Instant.now();
        byte[] der = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(7), Date.from(now.minusSeconds(3600)),
                Date.from(now.plus(Duration.ofDays(30))), new X500Name("CN=someone"), TestRequests.rsa(2048).getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(caKeys.getPrivate())).getEncoded();
        return VerifierTestBed.pem(der);
    }
}
