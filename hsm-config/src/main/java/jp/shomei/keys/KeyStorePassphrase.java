package jp.shomei.keys;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

/**
 * Where the software key store's passphrase comes from: the environment variable
 * {@value #ENVIRONMENT_VARIABLE} if it is set, else the file {@value #FILE_NAME} in the secrets
 * directory, which is created with a random passphrase on first start so that the embedded
 * default needs no set-up.
 */
public final class KeyStorePassphrase {

    public static final String ENVIRONMENT_VARIABLE = "SHOMEI_KEYSTORE_PASSPHRASE";
    public static final String FILE_NAME = "keystore-passphrase";

    private static final int RANDOM_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyStorePassphrase() {
    }

    /**
     * The passphrase, in an array the caller should wipe once the key source has taken its copy.
     *
     * @param environment usually {@code System.getenv()}
     * @throws KeySourceException if the passphrase is empty or the file cannot be read or created
     */
    public static char[] loadOrCreate(Path secretsDirectory, Map<String, String> environment) {
        String fromEnvironment = environment.get(ENVIRONMENT_VARIABLE);
        if (fromEnvironment != null) {
            return nonEmpty(fromEnvironment.toCharArray(), "The environment variable " + ENVIRONMENT_VARIABLE);
        }
        Path file = secretsDirectory.resolve(FILE_NAME);
        try {
            if (!Files.exists(file)) {
                createRandom(file);
            }
            return nonEmpty(SecretFiles.readSecret(file), "The passphrase file " + file);
        } catch (IOException e) {
            throw new KeySourceException("Cannot read or create the passphrase file " + file, e);
        }
    }

    private static void createRandom(Path file) throws IOException {
        byte[] random = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(random);
        byte[] encoded = Base64.getUrlEncoder().withoutPadding().encode(random);
        try {
            SecretFiles.createPrivateDirectories(file.toAbsolutePath().getParent());
            SecretFiles.writeNew(file, encoded);
        } catch (FileAlreadyExistsException e) {
            // Another process started at the same moment and wrote it first: use theirs.
        } finally {
            Arrays.fill(random, (byte) 0);
            Arrays.fill(encoded, (byte) 0);
        }
    }

    private static char[] nonEmpty(char[] passphrase, String source) {
        if (passphrase.length == 0) {
            throw new KeySourceException(source + " is empty; it must hold the key store passphrase");
        }
        return passphrase;
    }
}
