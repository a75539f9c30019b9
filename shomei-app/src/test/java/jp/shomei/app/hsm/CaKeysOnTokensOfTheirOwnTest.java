package jp.shomei.app.hsm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
 * keys.pkcs11.sign.token and .label move the signing CA's key onto a token of its own under a label
 * of its own, configured only in shomei.properties; the authentication CA's key stays on the main
 * token. Issuance signs with each where it lives.
 */
class CaKeysOnTokensOfTheirOwnTest {

    private static final String CHIYODA = "131016";
    private static final String SIGN_PARTITION = "sign-partition";

    @TempDir
    static Path root;
    static ShomeiOnSoftHsm shomei;
    static Path work;

    @BeforeAll
    static void start() throws Exception {
        shomei = ShomeiOnSoftHsm.start(root, List.of(SIGN_PARTITION),
                Map.of("keys.pkcs11.sign.token", SIGN_PARTITION, "keys.pkcs11.sign.label", "jpki-sign-2026"));
        work = Files.createDirectories(root.resolve("work"));
    }

    @AfterAll
    static void stop() {
        if (shomei != null) {
            shomei.close();
        }
    }

    @Test
    void theSigningCaKeyIsOnItsOwnTokenAndTheAuthenticationCaKeyOnTheMainOne() {
        assertThat(shomei.pkcs11ToolOn(SIGN_PARTITION, "--list-objects", "--type", "privkey"))
                .containsPattern("label:\\s+jpki-sign-2026").doesNotContain("ca-auth-1");
        assertThat(shomei.pkcs11Tool("--list-objects", "--type", "privkey"))
                .containsPattern("label:\\s+ca-auth-1").doesNotContain("ca-sign-1").doesNotContain("jpki-sign-2026");
    }

    @Test
    void aSigningCertificateIsSignedByTheKeyOnTheSigningToken() throws Exception {
        MunicipalClient chiyoda = shomei.as(CHIYODA);
        String taro = "20000000001";
        assertThat(chiyoda.put("/v1/residents/" + taro, ApiBodies.taroInChiyoda()).status()).isEqualTo(201);
        MunicipalClient.Response issued = chiyoda.post("/v1/residents/" + taro + "/certificates",
                ApiBodies.enrollment("sign", Csrs.byOpenssl(work, "taro-sign")));
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        Files.writeString(work.resolve("taro-sign.pem"), issued.json().getString("certificate"));
        Files.writeString(work.resolve("sign-ca.pem"), chiyoda.get("/v1/ca/sign/certificates").json()
                .getJsonArray("certificates").getJsonObject(0).getString("certificate"), StandardCharsets.US_ASCII);
        shomei.pkcs11ToolOn(SIGN_PARTITION, "--read-object", "--type", "pubkey", "--label", "jpki-sign-2026",
                "--output-file", work.resolve("sign-token-key.der").toString());

        assertThat(OpenSsl.succeed(work, "verify", "-x509_strict", "-CAfile", "sign-ca.pem", "taro-sign.pem").strip())
                .isEqualTo("taro-sign.pem: OK");
        assertThat(OpenSsl.succeed(work, "pkey", "-pubin", "-inform", "DER", "-in", "sign-token-key.der"))
                .isEqualTo(OpenSsl.succeed(work, "x509", "-in", "sign-ca.pem", "-noout", "-pubkey"));
    }
}
