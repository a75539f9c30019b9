package jp.shomei.keys;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the user PIN of a PKCS#11 token comes from: the environment variable
 * {@value #ENVIRONMENT_VARIABLE} if it is set, else a PIN file. Unlike the software key store's
 * passphrase, a PIN is never generated: the token was initialised with one by its operators.
 */
public final class TokenPin {

    public static final String ENVIRONMENT_VARIABLE = "SHOMEI_PKCS11_PIN";

    private TokenPin() {
    }

    /**
     * The PIN, in an array the caller should wipe once the key source has taken its copy.
     *
     * @param environment usually {@code System.getenv()}
     * @throws KeySourceException if neither source is given, the PIN is empty or the file cannot be read;
     *     the message names the source, never the PIN
     */
    public static char[] load(Optional<Path> pinFile, Map<String, String> environment) {
        String fromEnvironment = environment.get(ENVIRONMENT_VARIABLE);
        if (fromEnvironment != null) {
            return nonEmpty(fromEnvironment.toCharArray(), "The environment variable " + ENVIRONMENT_VARIABLE);
        }
        Path file = pinFile.orElseThrow(() -> new KeySourceException("No PIN for the PKCS#11 token: set the"
                + " environment variable " + ENVIRONMENT_VARIABLE + " or the setting keys.pkcs11.pin-file"));
        try {
            return nonEmpty(SecretFiles.readSecret(file), "The PIN file " + file);
        } catch (IOException e) {
            throw new KeySourceException("Cannot read the PIN file " + file, e);
        }
    }

    private static char[] nonEmpty(char[] pin, String source) {
        if (pin.length == 0) {
            throw new KeySourceException(source + " is empty; it must hold the user PIN of the token");
        }
        return pin;
    }
}
