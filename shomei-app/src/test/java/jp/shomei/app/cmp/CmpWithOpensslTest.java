package jp.shomei.app.cmp;

import static jp.shomei.app.cmp.OpensslCmp.said;
import static jp.shomei.app.support.RunningShomei.CHIYODA;
import static jp.shomei.app.support.RunningShomei.MINATO;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import jp.shomei.app.support.ApiBodies;
import jp.shomei.app.support.MunicipalClient;
import jp.shomei.app.support.RunningShomei;
import jp.shomei.ca.authority.OpenSsl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OpenSSL's own CMP client ({@code openssl cmp}) enrolls, updates and revokes card certificates
 * through Shomei's lightweight CMP server, as a municipal issuance system configured with nothing but
 * its client credential and the operations CA would. See docs/cmp.md.
 */
class CmpWithOpensslTest {

    private static final String CARD_EXPIRES = "1.3.6.1.4.1.99999.6.1:int:20360510";

    @TempDir
    static Path root;
    static RunningShomei shomei;
    static MunicipalClient chiyoda;
    static Path work;

    @BeforeAll
    static void start() throws Exception {
        shomei = RunningShomei.start(root);
        chiyoda = shomei.as(CHIYODA);
        work = shomei.work;
        Files.writeString(work.resolve("sign-ca.pem"), caPem("sign"), StandardCharsets.US_ASCII);
        Files.writeString(work.resolve("auth-ca.pem"), caPem("auth"), StandardCharsets.US_ASCII);
    }

    @AfterAll
    static void stop() {
        if (shomei != null) {
            shomei.close();
        }
    }

    /** openssl stamps its messages with the real time, and Shomei refuses stale ones. */
    @BeforeEach
    void clockAtRealTime() {
        shomei.clock.set(Instant.now());
    }

    @Test
    void irWithImplicitConfirmIssuesASigningCertificateThatOpensslVerifies() {
        String resident = registerInChiyoda();
        newCardKey("ir-card");

        OpenSsl.Outcome ir = cmp("sign", CHIYODA, "-cmd", "ir", "-newkey", "ir-card.key.pem",
                "-subject", "/serialNumber=" + resident, "-geninfo", CARD_EXPIRES, "-implicit_confirm",
                "-certout", "ir.pem");

        assertThat(ir.exitCode()).as(said(ir)).isZero();
        assertThat(OpenSsl.succeed(work, "verify", "-CAfile", "sign-ca.pem", "ir.pem")).isEqualTo("ir.pem: OK\n");
        JsonObject shown = chiyoda.get("/v1/certificates/" + serialOf("ir.pem")).json();
        assertThat(shown.getString("residentCode")).isEqualTo(resident);
        assertThat(shown.getString("ca")).isEqualTo("sign");
        assertThat(shown.getString("status")).isEqualTo("good");
        assertThat(publicKeyOf("ir.pem")).isEqualTo(publicKeyOfKey("ir-card.key.pem"));
    }

    @Test
    void crConfirmedWithCertConfIssuesAnAuthenticationCertificate() {
        String resident = registerInChiyoda();
        newCardKey("cr-card");

        OpenSsl.Outcome cr = cmp("auth", CHIYODA, "-cmd", "cr", "-newkey", "cr-card.key.pem",
                "-subject", "/serialNumber=" + resident, "-geninfo", CARD_EXPIRES, "-certout", "cr.pem");

        assertThat(cr.exitCode()).as(said(cr)).isZero();
        assertThat(OpenSsl.succeed(work, "verify", "-CAfile", "auth-ca.pem", "cr.pem")).isEqualTo("cr.pem: OK\n");
        JsonObject shown = chiyoda.get("/v1/certificates/" + serialOf("cr.pem")).json();
        assertThat(shown.getString("ca")).isEqualTo("auth");
        assertThat(shown.getString("status")).isEqualTo("good");
    }

    @Test
    void p10crCertifiesTheKeyOfAPkcs10RequestThatNamesTheResident() {
        String resident = registerInChiyoda();
        OpenSsl.succeed(work, "req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", "p10.key.pem",
                "-out", "p10.csr.pem", "-subj", "/serialNumber=" + resident);

        OpenSsl.Outcome p10cr = cmp("sign", CHIYODA, "-cmd", "p10cr", "-csr", "p10.csr.pem",
                "-geninfo", CARD_EXPIRES, "-implicit_confirm", "-certout", "p10.pem");

        assertThat(p10cr.exitCode()).as(said(p10cr)).isZero();
        assertThat(OpenSsl.succeed(work, "verify", "-CAfile", "sign-ca.pem", "p10.pem")).isEqualTo("p10.pem: OK\n");
        assertThat(publicKeyOf("p10.pem")).isEqualTo(publicKeyOfKey("p10.key.pem"));
        assertThat(chiyoda.get("/v1/certificates/" + serialOf("p10.pem")).json().getString("residentCode"))
                .isEqualTo(resident);
    }

    @Test
    void kurReplacesACertificateInItsLastThreeMonthsAndTheOldOneIsSuperseded() {
        String resident = registerInChiyoda();
        // A card that expires in two months ends its certificate then, so renewal is already open.
        String soon = LocalDate.now().plusMonths(2).toString().replace("-", "");
        enrollByIr(resident, "old-card", "1.3.6.1.4.1.99999.6.1:int:" + soon, "old.pem");
        newCardKey("new-card");

        OpenSsl.Outcome kur = cmp("sign", CHIYODA, "-cmd", "kur", "-oldcert", "old.pem", "-newkey",
                "new-card.key.pem", "-geninfo", CARD_EXPIRES, "-implicit_confirm", "-certout", "new.pem");

        assertThat(kur.exitCode()).as(said(kur)).isZero();
        assertThat(OpenSsl.succeed(work, "verify", "-CAfile", "sign-ca.pem", "new.pem")).isEqualTo("new.pem: OK\n");
        JsonObject old = chiyoda.get("/v1/certificates/" + serialOf("old.pem")).json();
        assertThat(old.getString("status")).isEqualTo("revoked");
        assertThat(old.getString("revocationReason")).isEqualTo("superseded");
        assertThat(old.getString("successor")).isEqualTo(serialOf("new.pem"));
        assertThat(publicKeyOf("new.pem")).isEqualTo(publicKeyOfKey("new-card.key.pem"));
    }

    @Test
    void rrRevokesTheCertificateAndTheMunicipalApiShowsItRevoked() {
        String resident = registerInChiyoda();
        enrollByIr(resident, "rr-card", CARD_EXPIRES, "rr.pem");

        OpenSsl.Outcome rr = cmp("sign", CHIYODA, "-cmd", "rr", "-oldcert", "rr.pem", "-revreason", "1");

        assertThat(rr.exitCode()).as(said(rr)).isZero();
        JsonObject shown = chiyoda.get("/v1/certificates/" + serialOf("rr.pem")).json();
        assertThat(shown.getString("status")).isEqualTo("revoked");
        assertThat(shown.getString("revocationReason")).isEqualTo("keyCompromise");
        JsonObject history = chiyoda.get("/v1/certificates/" + serialOf("rr.pem") + "/history").json();
        assertThat(history.encode()).contains("municipality:131016 CN=Chiyoda-ku issuance system via CMP");
    }

    @Test
    void anotherMunicipalityIsNotAuthorisedToRevokeChiyodasCertificate() {
        String resident = registerInChiyoda();
        enrollByIr(resident, "foreign-card", CARD_EXPIRES, "foreign.pem");

        OpenSsl.Outcome rr = cmp("sign", MINATO, "-cmd", "rr", "-oldcert", "foreign.pem", "-revreason", "1");

        assertThat(rr.exitCode()).isNotZero();
        assertThat(said(rr)).contains("notAuthorized").contains("is not registered to municipality 131032");
        assertThat(chiyoda.get("/v1/certificates/" + serialOf("foreign.pem")).json().getString("status"))
                .isEqualTo("good");
    }

    @Test
    void anIrWithoutTheCardExpiryIsABadRequestThatSaysWhatIsMissing() {
        String resident = registerInChiyoda();
        newCardKey("no-expiry");
        String before = shomei.storeSnapshot();

        OpenSsl.Outcome ir = cmp("sign", CHIYODA, "-cmd", "ir", "-newkey", "no-expiry.key.pem", "-subject",
                "/serialNumber=" + resident, "-implicit_confirm", "-certout", "none.pem");

        assertThat(ir.exitCode()).isNotZero();
        assertThat(said(ir)).contains("badRequest").contains("the card's expiry date is required");
        assertThat(shomei.storeSnapshot()).isEqualTo(before);
    }

    /** {@code openssl cmp} over TLS to one CA's path, signing with the municipality's client credential. */
    static OpenSsl.Outcome cmp(String ca, String municipality, String... args) {
        return OpensslCmp.run(shomei, OpensslCmp.Tls.WITH_CLIENT_CERTIFICATE, ca, municipality, args);
    }

    /** A signing certificate for a new card key, by an ir that openssl must complete. */
    private static void enrollByIr(String resident, String cardKey, String cardExpiry, String certificateFile) {
        newCardKey(cardKey);
        OpenSsl.Outcome ir = cmp("sign", CHIYODA, "-cmd", "ir", "-newkey", cardKey + ".key.pem", "-subject",
                "/serialNumber=" + resident, "-geninfo", cardExpiry, "-implicit_confirm", "-certout", certificateFile);
        assertThat(ir.exitCode()).as(said(ir)).isZero();
    }

    private static String registerInChiyoda() {
        String resident = shomei.newResidentCode();
        assertThat(chiyoda.put("/v1/residents/" + resident, ApiBodies.taroInChiyoda()).status()).isEqualTo(201);
        return resident;
    }

    static void newCardKey(String name) {
        OpenSsl.succeed(work, "genrsa", "-out", name + ".key.pem", "2048");
    }

    static String serialOf(String pemFile) {
        String serial = OpenSsl.succeed(work, "x509", "-in", pemFile, "-noout", "-serial").strip();
        return new java.math.BigInteger(serial.substring(serial.indexOf('=') + 1), 16).toString(16);
    }

    private static String publicKeyOf(String certificateFile) {
        return OpenSsl.succeed(work, "x509", "-in", certificateFile, "-noout", "-pubkey");
    }

    private static String publicKeyOfKey(String keyFile) {
        return OpenSsl.succeed(work, "pkey", "-in", keyFile, "-pubout");
    }

    private static String caPem(String ca) {
        return chiyoda.get("/v1/ca/" + ca + "/certificates").json().getJsonArray("certificates")
                .getJsonObject(0).getString("certificate");
    }
}
