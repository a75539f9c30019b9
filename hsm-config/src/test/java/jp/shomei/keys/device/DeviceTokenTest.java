package jp.shomei.keys.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import jp.shomei.keys.KeySourceException;
import jp.shomei.keys.pkcs11.SoftHsm;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issuance onto a card modelled as its own SoftHSM token: the key is made there, the request is
 * signed there and the certificate goes back next to the key. The test's own software CA stands in
 * for Shomei, whose end-to-end run is in shomei-app (CardIssuedOnItsOwnTokenTest).
 */
class DeviceTokenTest {

    private static final X500Name CARD = new X500Name("CN=card");
    private static KeyPair ca;

    @TempDir
    Path temp;

    @BeforeAll
    static void makeCa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        ca = generator.generateKeyPair();
    }

    @Test
    void theRequestIsSignedOnTheTokenForTheKeyItMade() throws Exception {
        SoftHsm.Token card = SoftHsm.newToken("card");
        try (DeviceToken token = DeviceToken.open(SoftHsm.MODULE, card.label(), card.pinChars())) {
            DeviceKey key = token.generateKeyPair("sign");
            PKCS10CertificationRequest request = token.certificationRequest(key, CARD);

            assertThat(request.getSubjectPublicKeyInfo().getEncoded()).isEqualTo(key.publicKey().getEncoded());
            assertThat(request.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key.publicKey()))).isTrue();
            Path pem = temp.resolve("card.csr.pem");
            writePem(pem, "CERTIFICATE REQUEST", request.getEncoded());
            assertThat(SoftHsm.run(List.of("openssl", "req", "-in", pem.toString(), "-verify", "-noout")))
                    .as("openssl, independently").isEmpty();
        }
    }

    @Test
    void theCertificateIsWrittenBackWithTheKeysIdAndLabelAndTheKeyNeverLeaves() throws Exception {
        SoftHsm.Token card = SoftHsm.newToken("card");
        DeviceKey key;
        X509CertificateHolder certificate;
        try (DeviceToken token = DeviceToken.open(SoftHsm.MODULE, card.label(), card.pinChars())) {
            key = token.generateKeyPair("auth");
            certificate = issue(key.publicKey());
            token.storeCertificate(key, certificate);
        }

        String objects = pkcs11Tool(card, "--list-objects");
        assertThat(objects.split("Object;")).filteredOn(object -> object.contains("label:      auth"))
                .hasSize(3).allSatisfy(object -> assertThat(object).contains("ID:         " + key.idHex()));
        assertThat(objects).contains("Certificate Object; type = X.509 cert");
        Path stored = temp.resolve("stored.der");
        pkcs11Tool(card, "--read-object", "--type", "cert", "--id", key.idHex(), "--output-file", stored.toString());
        assertThat(Files.readAllBytes(stored)).isEqualTo(certificate.getEncoded());
        assertThat(objects.substring(objects.indexOf("Private Key Object"))).contains("never extractable");
    }

    @Test
    void aCertificateForAnotherKeyIsRefusedAndNothingIsWritten() throws Exception {
        SoftHsm.Token card = SoftHsm.newToken("card");
        try (DeviceToken token = DeviceToken.open(SoftHsm.MODULE, card.label(), card.pinChars())) {
            DeviceKey key = token.generateKeyPair("sign");
            X509CertificateHolder foreign = issue(ca.getPublic());

            assertThatThrownBy(() -> token.storeCertificate(key, foreign)).isInstanceOf(KeySourceException.class)
                    .hasMessageContaining("certifies another public key than device key 'sign'");
        }
        assertThat(pkcs11Tool(card, "--list-objects")).doesNotContain("Certificate Object");
    }

    @Test
    void aSecondKeyUnderAnExistingLabelIsRefused() {
        SoftHsm.Token card = SoftHsm.newToken("card");
        try (DeviceToken token = DeviceToken.open(SoftHsm.MODULE, card.label(), card.pinChars())) {
            token.generateKeyPair("sign");

            assertThatThrownBy(() -> token.generateKeyPair("sign")).isInstanceOf(KeySourceException.class)
                    .hasMessageContaining("already holds an object labelled 'sign'");
        }
    }

    private static X509CertificateHolder issue(PublicKey subjectKey) throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return new JcaX509v3CertificateBuilder(new X500Name("CN=Test CA"), BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now), Date.from(now.plus(1, ChronoUnit.DAYS)), CARD, subjectKey)
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(ca.getPrivate()));
    }

    private static String pkcs11Tool(SoftHsm.Token token, String... arguments) {
        List<String> command = new ArrayList<>(List.of("pkcs11-tool", "--module", SoftHsm.MODULE.toString(),
                "--token-label", token.label(), "--login", "--pin", token.pin()));
        command.addAll(List.of(arguments));
        return SoftHsm.run(command);
    }

    private static void writePem(Path file, String type, byte[] der) throws Exception {
        try (PemWriter writer = new PemWriter(Files.newBufferedWriter(file, StandardCharsets.US_ASCII))) {
            writer.writeObject(new PemObject(type, der));
        }
    }
}
