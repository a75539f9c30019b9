package jp.shomei.app.hsm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import jp.shomei.app.support.ApiBodies;
import jp.shomei.app.support.Csrs;
import jp.shomei.app.support.MunicipalClient;
import jp.shomei.app.support.ShomeiOnSoftHsm;
import jp.shomei.ca.authority.OpenSsl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With keys.source=pkcs11, both CAs are created on the token and every certificate is signed there:
 * a resident enrolled through the municipal API gets a signing and an authentication certificate
 * that openssl verifies against CA certificates whose public keys are those of the token's keys.
 */
class CertificateAuthoritiesOnSoftHsmTest {

    private static final String CHIYODA = "131016";

    @TempDir
    static Path root;
    static ShomeiOnSoftHsm shomei;
    static Path work;
    static MunicipalClient.Response signing;
    static MunicipalClient.Response authentication;

    @BeforeAll
    static void enrollTaroForBothKinds() throws Exception {
        shomei = ShomeiOnSoftHsm.start(root);
        work = Files.createDirectories(root.resolve("work"));
        MunicipalClient chiyoda = shomei.as(CHIYODA);
        String taro = "20000000001";
        assertThat(chiyoda.put("/v1/residents/" + taro, ApiBodies.taroInChiyoda()).status()).isEqualTo(201);
        signing = chiyoda.post("/v1/residents/" + taro + "/certificates",
                ApiBodies.enrollment("sign", Csrs.byOpenssl(work, "taro-sign")));
        authentication = chiyoda.post("/v1/residents/" + taro + "/certificates",
                ApiBodies.enrollment("auth", Csrs.byOpenssl(work, "taro-auth")));
        for (String kind : new String[] {"sign", "auth"}) {
            String ca = chiyoda.get("/v1/ca/" + kind + "/certificates").json()
                    .getJsonArray("certificates").getJsonObject(0).getString("certificate");
            Files.writeString(work.resolve(kind + "-ca.pem"), ca, StandardCharsets.US_ASCII);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (shomei != null) {
            shomei.close();
        }
    }

    @Test
    void theSigningCertificateVerifiesAgainstTheSigningCa() throws Exception {
        assertThat(signing.status()).as(signing.body()).isEqualTo(201);
        Files.writeString(work.resolve("taro-sign.pem"), signing.json().getString("certificate"));

        assertThat(OpenSsl.succeed(work, "verify", "-x509_strict", "-CAfile", "sign-ca.pem", "taro-sign.pem").strip())
                .isEqualTo("taro-sign.pem: OK");
    }

    @Test
    void theAuthenticationCertificateVerifiesAgainstTheAuthenticationCa() throws Exception {
        assertThat(authentication.status()).as(authentication.body()).isEqualTo(201);
        Files.writeString(work.resolve("taro-auth.pem"), authentication.json().getString("certificate"));

        assertThat(OpenSsl.succeed(work, "verify", "-x509_strict", "-CAfile", "auth-ca.pem", "taro-auth.pem").strip())
                .isEqualTo("taro-auth.pem: OK");
    }

    @Test
    void eachCaCertificateCarriesThePublicKeyOfAKeyOnTheToken() throws Exception {
        for (String kind : new String[] {"sign", "auth"}) {
            Path tokenKey = work.resolve(kind + "-token-key.der");
            shomei.pkcs11Tool("--read-object", "--type", "pubkey", "--label", "ca-" + kind + "-1",
                    "--output-file", tokenKey.toString());

            assertThat(OpenSsl.succeed(work, "pkey", "-pubin", "-inform", "DER", "-in", tokenKey.toString()))
                    .isEqualTo(OpenSsl.succeed(work, "x509", "-in", kind + "-ca.pem", "-noout", "-pubkey"));
        }
    }

    @Test
    void theCaPrivateKeysAreOnTheTokenNeverExtractableAndNotInTheDataDirectory() throws Exception {
        String objects = shomei.pkcs11Tool("--list-objects", "--type", "privkey");

        assertThat(objects).containsPattern("label:\\s+ca-sign-1").containsPattern("label:\\s+ca-auth-1");
        List<String> privateKeys = List.of(objects.split("Private Key Object"));
        assertThat(privateKeys.subList(1, privateKeys.size())).isNotEmpty().allSatisfy(key ->
                assertThat(key).contains("never extractable"));
        assertThat(shomei.dataDirectory.resolve("keys/ca-sign-1.key.pem")).doesNotExist();
        assertThat(shomei.dataDirectory.resolve("keys/ca-auth-1.key.pem")).doesNotExist();
        assertThat(shomei.output()).doesNotContain(shomei.pin);
    }

    @Test
    void shomeiHsmListShowsTheTokenItsMechanismsAndTheCaKeysButNoSecret() throws Exception {
        String listing = shomei.shomei("hsm", "list");

        assertThat(listing).contains("Module: " + ShomeiOnSoftHsm.MODULE)
                .contains("Implementation of PKCS11")
                .containsPattern("Token '" + shomei.tokenLabel + "': SoftHSM project SoftHSM v2, serial \\w+, logged in")
                .contains("CKM_RSA_PKCS_KEY_PAIR_GEN")
                .containsPattern("CKO_PRIVATE_KEY CKK_RSA label 'ca-sign-1' id [0-9a-f]{32}")
                .containsPattern("CKO_PRIVATE_KEY CKK_RSA label 'ca-auth-1' id [0-9a-f]{32}")
                .doesNotContain(shomei.pin);
    }

    /**
     * The token vanishes under the running server (its SoftHSM directory is deleted) and comes back
     * (re-created from a copy): /health turns red naming the keys, an enrollment meanwhile is refused
     * as signing-unavailable and leaves no certificate, and once the token is back the pool
     * reconnects by itself and issuance works again.
     */
    @Test
    void losingTheTokenTurnsHealthRedAndRefusesIssuanceUntilTheTokenIsBack() throws Exception {
        MunicipalClient chiyoda = shomei.as(CHIYODA);
        String hanako = "20000000002";
        assertThat(chiyoda.put("/v1/residents/" + hanako, ApiBodies.taroInChiyoda()).status()).isEqualTo(201);
        String csr = Csrs.byOpenssl(work, "hanako-sign");
        Path copy = shomei.deleteToken(root.resolve("token-copy"));
        MunicipalClient.Response health;
        MunicipalClient.Response refused;
        try {
            health = chiyoda.get("/health");
            refused = chiyoda.post("/v1/residents/" + hanako + "/certificates", ApiBodies.enrollment("sign", csr));
        } finally {
            shomei.recreateToken(copy);
        }

        assertThat(health.status()).isEqualTo(503);
        assertThat(health.json().getJsonObject("checks").getJsonObject("keys").getString("reason"))
                .isEqualTo("signing keys unavailable");
        assertThat(health.json().getJsonObject("checks").getJsonObject("store").getString("status")).isEqualTo("UP");
        assertThat(refused.status()).as(refused.body()).isEqualTo(503);
        assertThat(refused.body()).contains("signing-unavailable");
        MunicipalClient.Response resident = chiyoda.get("/v1/residents/" + hanako);
        assertThat(resident.status()).isEqualTo(200);
        assertThat(resident.json().getJsonArray("certificates")).as("nothing half-issued").isEmpty();

        Instant deadline = Instant.now().plusSeconds(30);
        while (chiyoda.get("/health").status() != 200 && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
        }
        assertThat(chiyoda.get("/health").status()).isEqualTo(200);
        MunicipalClient.Response issued = chiyoda.post("/v1/residents/" + hanako + "/certificates",
                ApiBodies.enrollment("sign", csr));
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        Files.writeString(work.resolve("hanako-sign.pem"), issued.json().getString("certificate"));
        assertThat(OpenSsl.succeed(work, "verify", "-x509_strict", "-CAfile", "sign-ca.pem", "hanako-sign.pem").strip())
                .isEqualTo("hanako-sign.pem: OK");
    }
}
