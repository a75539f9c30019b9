package jp.shomei.app.hsm;

import static jp.shomei.app.support.RunningShomei.CHIYODA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.shomei.app.support.ApiBodies;
import jp.shomei.app.support.Csrs;
import jp.shomei.app.support.MunicipalClient;
import jp.shomei.app.support.RunningShomei;
import jp.shomei.ca.authority.OpenSsl;
import jp.shomei.keys.device.DeviceKey;
import jp.shomei.keys.device.DeviceToken;
import jp.shomei.keys.pkcs11.SoftHsm;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issuance in the mode where the municipality generates the keys on the resident's card: the card
 * is a SoftHSM token of its own; both key pairs are made on it, both requests are signed on it and
 * sent through the municipal API, and both certificates are written back next to their keys. Then
 * OpenSC's pkcs11-tool, which knows nothing of Shomei, looks at the card.
 */
class CardIssuedOnItsOwnTokenTest {

    /** One object as pkcs11-tool --list-objects prints it. */
    record Listed(String type, String label, String id, String access) {
    }

    @TempDir
    static Path root;
    static RunningShomei shomei;
    static SoftHsm.Token card;
    static final Map<String, DeviceKey> KEYS = new LinkedHashMap<>();
    static final Map<String, MunicipalClient.Response> ENROLLMENTS = new LinkedHashMap<>();

    @BeforeAll
    static void issueBothCertificatesOntoTheCard() throws Exception {
        shomei = RunningShomei.start(root);
        MunicipalClient chiyoda = shomei.as(CHIYODA);
        String taro = shomei.newResidentCode();
        assertThat(chiyoda.put("/v1/residents/" + taro, ApiBodies.taroInChiyoda()).status()).isEqualTo(201);
        card = SoftHsm.newToken("card");
        try (DeviceToken token = DeviceToken.open(SoftHsm.MODULE, card.label(), card.pinChars())) {
            for (String kind : List.of("sign", "auth")) {
                DeviceKey key = token.generateKeyPair("jpki-" + kind);
                String csr = Csrs.pem(token.certificationRequest(key, new X500Name("CN=card")).getEncoded());
                MunicipalClient.Response enrollment = chiyoda.post("/v1/residents/" + taro + "/certificates",
                        ApiBodies.enrollment(kind, csr));
                KEYS.put(kind, key);
                ENROLLMENTS.put(kind, enrollment);
                if (enrollment.status() == 201) {
                    token.storeCertificate(key, certificate(enrollment.json().getString("certificate")));
                }
            }
        }
    }

    @AfterAll
    static void stop() {
        if (shomei != null) {
            shomei.close();
        }
    }

    @Test
    void bothRequestsSignedOnTheCardAreAcceptedAndCertifyTheCardsKeys() throws Exception {
        for (String kind : List.of("sign", "auth")) {
            MunicipalClient.Response enrollment = ENROLLMENTS.get(kind);
            assertThat(enrollment.status()).as(enrollment.body()).isEqualTo(201);
            X509CertificateHolder issued = certificate(enrollment.json().getString("certificate"));
            assertThat(issued.getSubjectPublicKeyInfo().getEncoded()).isEqualTo(KEYS.get(kind).publicKey().getEncoded());
        }
    }

    @Test
    void pkcs11ToolShowsTwoKeyPairsAndTwoCertificatesPairedByCkaId() {
        List<Listed> objects = listObjects();

        String sign = KEYS.get("sign").idHex();
        String auth = KEYS.get("auth").idHex();
        assertThat(sign).isNotEqualTo(auth);
        assertThat(objects).extracting(Listed::type, Listed::label, Listed::id).containsExactlyInAnyOrder(
                tuple("Private Key Object", "jpki-sign", sign), tuple("Public Key Object", "jpki-sign", sign),
                tuple("Certificate Object", "jpki-sign", sign),
                tuple("Private Key Object", "jpki-auth", auth), tuple("Public Key Object", "jpki-auth", auth),
                tuple("Certificate Object", "jpki-auth", auth));
    }

    @Test
    void thePrivateKeysAreSensitiveAndWereNeverExtractable() {
        List<Listed> privateKeys = listObjects().stream().filter(object -> object.type().equals("Private Key Object")).toList();

        assertThat(privateKeys).hasSize(2).allSatisfy(key -> assertThat(key.access())
                .contains("sensitive").contains("always sensitive").contains("never extractable").contains("local"));
    }

    @Test
    void theCertificatesOnTheCardVerifyAgainstTheirCas() throws Exception {
        Path work = shomei.work;
        for (String kind : List.of("sign", "auth")) {
            Files.writeString(work.resolve(kind + "-ca.pem"), shomei.as(CHIYODA).get("/v1/ca/" + kind + "/certificates")
                    .json().getJsonArray("certificates").getJsonObject(0).getString("certificate"), StandardCharsets.US_ASCII);
            Path onCard = work.resolve("card-" + kind + ".der");
            pkcs11Tool("--read-object", "--type", "cert", "--id", KEYS.get(kind).idHex(), "--output-file", onCard.toString());

            OpenSsl.writePem(work, "card-" + kind + ".pem", new X509CertificateHolder(Files.readAllBytes(onCard)));

            assertThat(OpenSsl.succeed(work, "verify", "-x509_strict", "-CAfile", kind + "-ca.pem", "card-" + kind + ".pem")
                    .strip()).isEqualTo("card-" + kind + ".pem: OK");
        }
    }

    private static List<Listed> listObjects() {
        List<Listed> objects = new ArrayList<>();
        String type = null;
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : (pkcs11Tool("--list-objects") + "End;").lines().toList()) {
            if (!line.startsWith(" ")) {
                if (type != null) {
                    objects.add(new Listed(type, fields.get("label"), fields.get("ID"), fields.getOrDefault("Access", "")));
                }
                type = line.substring(0, line.indexOf(';')).strip();
                fields.clear();
            } else if (line.contains(":")) {
                fields.put(line.substring(0, line.indexOf(':')).strip(), line.substring(line.indexOf(':') + 1).strip());
            }
        }
        return objects;
    }

    private static String pkcs11Tool(String... arguments) {
        List<String> command = new ArrayList<>(List.of("pkcs11-tool", "--module", SoftHsm.MODULE.toString(),
                "--token-label", card.label(), "--login", "--pin", card.pin()));
        command.addAll(List.of(arguments));
        return SoftHsm.run(command);
    }

    private static X509CertificateHolder certificate(String pem) throws IOException {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            return (X509CertificateHolder) parser.readObject();
        }
    }
}
