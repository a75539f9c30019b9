package jp.shomei.keys;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;

/**
 * A private key as an encrypted PKCS#8 PEM block ("ENCRYPTED PRIVATE KEY"): PBES2 with
 * PBKDF2-HMAC-SHA256 and AES-256-CBC, the form {@code openssl pkey} reads, so operators can
 * inspect or move keys with standard tools.
 */
final class EncryptedKeyPem {

    /**
     * OWASP's 2023 figure for PBKDF2-HMAC-SHA256. It costs about 0.7 s on our machines, paid once
     * per key when the key is written and once per process when it is first loaded.
     */
    private static final int PBKDF2_ITERATIONS = 600_000;

    private static final SecureRandom RANDOM = new SecureRandom();
    // Bouncy Castle's PEM encryption asks for "AES/CBC/PKCS7Padding", a name only its own provider
    // knows. Used directly rather than registered, so the JVM's provider order stays as it is.
    private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();

    private EncryptedKeyPem() {
    }

    static byte[] encode(PrivateKey key, char[] passphrase) {
        try {
            var encryptor = new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                    .setPRF(PKCS8Generator.PRF_HMACSHA256)
                    .setIterationCount(PBKDF2_ITERATIONS)
                    .setRandom(RANDOM)
                    .setProvider(BOUNCY_CASTLE)
                    .setPassword(passphrase)
                    .build();
            var pem = new StringWriter();
            try (var writer = new JcaPEMWriter(pem)) {
                writer.writeObject(new JcaPKCS8Generator(key, encryptor));
            }
            return pem.toString().getBytes(StandardCharsets.US_ASCII);
        } catch (OperatorCreationException | IOException e) {
            throw new KeySourceException("Cannot encrypt a private key", e);
        }
    }

    /** @param origin where the PEM came from, named in error messages */
    static PrivateKey decode(byte[] pem, char[] passphrase, String origin) {
        PKCS8EncryptedPrivateKeyInfo encrypted = parse(pem, origin);
        try {
            PrivateKeyInfo info = encrypted.decryptPrivateKeyInfo(
                    new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BOUNCY_CASTLE).build(passphrase));
            return new JcaPEMKeyConverter().getPrivateKey(info);
        } catch (PKCSException e) {
            // AES-CBC under a wrong key fails on padding or on the DER that follows; either way it
            // is the passphrase or the file, and the cause says which step failed.
            throw new KeySourceException("Cannot decrypt key file " + origin
                    + ": the key store passphrase is wrong or the file is damaged", e);
        } catch (OperatorCreationException | IOException e) {
            throw new KeySourceException("Cannot read the private key in " + origin, e);
        }
    }

    private static PKCS8EncryptedPrivateKeyInfo parse(byte[] pem, String origin) {
        Object parsed;
        try (var parser = new PEMParser(new InputStreamReader(
                new ByteArrayInputStream(pem), StandardCharsets.US_ASCII))) {
            parsed = parser.readObject();
        } catch (IOException e) {
            throw new KeySourceException("Key file " + origin + " is not valid PEM", e);
        }
        if (parsed instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
            return encrypted;
        }
        throw new KeySourceException("Key file " + origin + " does not hold an encrypted PKCS#8"
                + " private key (BEGIN ENCRYPTED PRIVATE KEY); unencrypted keys are refused");
    }
}
