package jp.shomei.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.ContentSigner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SoftwareKeySourceTest {

    private static final String PASSPHRASE_VARIABLE = "SHOMEI_TEST_KEY_PASSPHRASE";

    @TempDir
    Path temp;

    private final char[] passphrase = TestSecrets.randomPassphrase();

    @Test
    void aGeneratedKeySignsSha256WithRsaThatVerifiesWithItsPublicKey() throws Exception {
        try (var keys = new SoftwareKeySource(keyDirectory(), passphrase)) {
            SigningKey key = keys.generateRsa2048("sign-ca");
            byte[] content = "tbsCertificate".getBytes(StandardCharsets.UTF_8);

            ContentSigner signer = key.sha256WithRsa();
            signer.getOutputStream().write(content);
            byte[] signature = signer.getSignature();

            assertThat(key.label()).isEqualTo("sign-ca");
            assertThat(key.publicKey().getAlgorithm()).isEqualTo("RSA");
            assertThat(verifies(key, content, signature)).isTrue();
        }
    }

    @Test
    void aSoftwareKeySignsRsaPssThatTheJdkVerifiesButRefusesEcdsa() throws Exception {
        try (var keys = new SoftwareKeySource(keyDirectory(), passphrase)) {
            SigningKey key = keys.generateRsa2048("pss-ca");
            byte[] content = "tbsCertificate".getBytes(StandardCharsets.UTF_8);

            ContentSigner signer = key.sha256WithRsaPss();
            signer.getOutputStream().write(content);
            byte[] signature = signer.getSignature();

            Signature verifier = Signature.getInstance("RSASSA-PSS");
            verifier.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
            verifier.initVerify(key.publicKey());
            verifier.update(content);
            assertThat(verifier.verify(signature)).isTrue();
            assertThatThrownBy(key::sha256WithEcdsa).isInstanceOf(WrongKeyTypeException.class)
                    .hasMessageContaining("is an RSA key and cannot sign SHA256_WITH_ECDSA");
        }
    }

    @Test
    void aKeyIsFoundAgainByALaterKeySourceOverTheSameDirectory() throws Exception {
        SigningKey generated;
        try (var keys = new SoftwareKeySource(keyDirectory(), passphrase)) {
            generated = keys.generateRsa2048("sign-ca");
        }

        try (var keys = new SoftwareKeySource(keyDirectory(), passphrase)) {
            SigningKey reloaded = keys.find("sign-ca").orElseThrow();
            ContentSigner signer = reloaded.sha256WithRsa();
            signer.getOutputStream().write(1);
            byte[] signature = signer.getSignature();

            assertThat(reloaded.publicKey().getEncoded()).isEqualTo(generated.publicKey().getEncoded());
            assertThat(verifies(generated, new byte[] {1}, signature)).isTrue();
        }
    }

    @Test
    void anUnknownLabelIsNotFound() {
        try (var keys = new SoftwareKeySource(keyDirectory(), passphrase)) {
            assertThat(keys.find("no-such-key")).isEmpty();
        }
    }

    @Test
    void aWrongPassphraseIsRefusedNamingTheFileButNeverThePassphrase() {
        try (var keys = new SoftwareKeySource(keyDirectory(), passphrase)) {
            keys.generateRsa2048("sign-ca");
        }
        char[] wrong = TestSecrets.randomPassphrase();

        try (var keys = new SoftwareKeySource(keyDirectory(), wrong)) {
            assertThatThrownBy(() -> keys.find("sign-ca"))
                    .isInstanceOf(KeySourceException.class)
                    .hasMessage("Cannot decrypt key file " + keyDirectory().resolve("sign-ca.key.pem")
                            + ": the key store passphrase is wrong or the file is damaged")
                    .satisfies(e -> assertThat(e.getMessage())
                            .doesNotContain(new String(wrong))
                            .doesNotContain(new String(passphrase)));
        }
    }

    @Test
    void anExistingLabelIsNeverReplaced() throws Exception {
        Path file = keyDirectory().resolve("sign-ca.key.pem");
        try (var keys = new SoftwareKeySource(keyDirectory(), passphrase)) {
            keys.generateRsa2048("sign-ca");
        }
        byte[] original = Files.readAllBytes(file);

        try (var keys = new SoftwareKeySource(keyDirectory(), passphrase)) {
            assertThatThrownBy(() -> keys.generateRsa2048("sign-ca"))
                    .isInstanceOf(KeySourceException.class)
                    .hasMessage("Key 'sign-ca' already exists (" + file + "); refusing to replace it");
        }
        assertThat(file).hasBinaryContent(original);
    }

    @Test
    void aMalformedLabelIsRefusedBeforeAnyFileIsTouched() throws Exception {
        try (var keys = new SoftwareKeySource(keyDirectory(), passphrase)) {
            assertThatThrownBy(() -> keys.generateRsa2048("../escape"))
                    .isInstanceOf(KeySourceException.class)
                    .hasMessageStartingWith("Key label \"../escape\" is not allowed");
            assertThatThrownBy(() -> keys.find("../../etc/passwd"))
                    .hasMessageStartingWith("Key label \"../../etc/passwd\" is not allowed");
        }
        try (var entries = Files.list(temp)) {
            assertThat(entries).containsExactly(keyDirectory());
        }
        try (var entries = Files.list(keyDirectory())) {
            assertThat(entries).isEmpty();
        }
    }

    @Test
    void theDirectoryIsCreatedOwnerOnlyAndKeyFilesAreOwnerOnly() throws Exception {
        try (var keys = new SoftwareKeySource(keyDirectory(), passphrase)) {
            keys.generateRsa2048("sign-ca");
        }

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyDirectory())))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyDirectory().resolve("sign-ca.key.pem"))))
                .isEqualTo("rw-------");
        try (var entries = Files.list(keyDirectory())) {
            assertThat(entries).containsExactly(keyDirectory().resolve("sign-ca.key.pem"));
        }
    }

    @Test
    void opensslReadsTheKeyFileWithThePassphraseAndFindsTheSamePublicKey() throws Exception {
        SigningKey key;
        try (var keys = new SoftwareKeySource(keyDirectory(), passphrase)) {
            key = keys.generateRsa2048("sign-ca");
        }
        String file = keyDirectory().resolve("sign-ca.key.pem").toString();

        String publicKeyPem = Openssl.runForText(passphraseInEnvironment(),
                "pkey", "-in", file, "-passin", "env:" + PASSPHRASE_VARIABLE, "-pubout");

        assertThat(publicKeyInfo(publicKeyPem).getEncoded()).isEqualTo(key.publicKey().getEncoded());
    }

    @Test
    void keyFilesUsePbes2WithPbkdf2HmacSha256AndAes256Cbc() throws Exception {
        try (var keys = new SoftwareKeySource(keyDirectory(), passphrase)) {
            keys.generateRsa2048("sign-ca");
        }
        Path file = keyDirectory().resolve("sign-ca.key.pem");

        String structure = Openssl.runForText(Map.of(), "asn1parse", "-in", file.toString());

        assertThat(Files.readString(file)).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
        assertThat(structure).contains(":PBES2", ":PBKDF2", ":hmacWithSHA256", ":aes-256-cbc");
        Matcher iterations = Pattern.compile("prim: INTEGER +:([0-9A-F]+)").matcher(structure);
        assertThat(iterations.find()).as("an iteration count in %s", structure).isTrue();
        assertThat(Integer.parseInt(iterations.group(1), 16)).isEqualTo(600_000);
    }

    @Test
    void aKeyEncryptedByOpensslCanBeUsed() throws Exception {
        Files.createDirectories(keyDirectory());
        Path file = keyDirectory().resolve("imported.key.pem");
        Openssl.run(passphraseInEnvironment(), "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048",
                "-aes-256-cbc", "-pass", "env:" + PASSPHRASE_VARIABLE, "-out", file.toString());

        try (var keys = new SoftwareKeySource(keyDirectory(), passphrase)) {
            SigningKey key = keys.find("imported").orElseThrow();
            ContentSigner signer = key.sha256WithRsa();
            signer.getOutputStream().write(7);

            assertThat(verifies(key, new byte[] {7}, signer.getSignature())).isTrue();
        }
    }

    @Test
    void anUnencryptedKeyFileIsRefused() throws Exception {
        Files.createDirectories(keyDirectory());
        Path file = keyDirectory().resolve("plain.key.pem");
        Openssl.run(Map.of(), "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", file.toString());

        try (var keys = new SoftwareKeySource(keyDirectory(), passphrase)) {
            assertThatThrownBy(() -> keys.find("plain"))
                    .isInstanceOf(KeySourceException.class)
                    .hasMessage("Key file " + file + " does not hold an encrypted PKCS#8 private key"
                            + " (BEGIN ENCRYPTED PRIVATE KEY); unencrypted keys are refused");
        }
    }

    @Test
    void aKeyOnceLoadedIsKeptInMemory() throws Exception {
        try (var keys = new SoftwareKeySource(keyDirectory(), passphrase)) {
            keys.generateRsa2048("sign-ca");
        }
        try (var keys = new SoftwareKeySource(keyDirectory(), passphrase)) {
            SigningKey first = keys.find("sign-ca").orElseThrow();
            Files.delete(keyDirectory().resolve("sign-ca.key.pem"));

            assertThat(keys.find("sign-ca")).containsSame(first);
        }
    }

    @Test
    void keepsItsOwnCopyOfThePassphraseAndRefusesWorkOnceClosed() {
        char[] callersCopy = passphrase.clone();
        var keys = new SoftwareKeySource(keyDirectory(), callersCopy);
        Arrays.fill(callersCopy, '\0');
        keys.generateRsa2048("sign-ca");

        keys.close();

        assertThatThrownBy(() -> keys.find("sign-ca"))
                .isInstanceOf(KeySourceException.class)
                .hasMessage("The software key store in " + keyDirectory() + " is closed");
        assertThatThrownBy(() -> keys.generateRsa2048("other")).hasMessageEndingWith("is closed");
        try (var reopened = new SoftwareKeySource(keyDirectory(), passphrase)) {
            assertThat(reopened.find("sign-ca")).isPresent();
        }
    }

    @Test
    void anEmptyPassphraseIsRefused() {
        assertThatThrownBy(() -> new SoftwareKeySource(keyDirectory(), new char[0]))
                .isInstanceOf(KeySourceException.class)
                .hasMessage("The software key store needs a non-empty passphrase");
    }

    @Test
    void describesItselfByItsDirectory() {
        try (var keys = new SoftwareKeySource(keyDirectory(), passphrase)) {
            assertThat(keys.describe()).isEqualTo("software key store in " + keyDirectory());
        }
    }

    private Path keyDirectory() {
        return temp.resolve("keys");
    }

    private Map<String, String> passphraseInEnvironment() {
        return Map.of(PASSPHRASE_VARIABLE, new String(passphrase));
    }

    private static boolean verifies(SigningKey key, byte[] content, byte[] signature) throws Exception {
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(key.publicKey());
        verifier.update(content);
        return verifier.verify(signature);
    }

    private static SubjectPublicKeyInfo publicKeyInfo(String pem) throws Exception {
        try (var parser = new PEMParser(new StringReader(pem))) {
            return (SubjectPublicKeyInfo) parser.readObject();
        }
    }
}
