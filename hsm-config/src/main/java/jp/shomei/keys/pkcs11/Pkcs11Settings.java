package jp.shomei.keys.pkcs11;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import jp.shomei.keys.KeySourceException;

/**
 * Which PKCS#11 token holds the keys and how the pool talks to it. Holds no secret: the PIN is
 * passed separately so that settings can be logged and compared.
 *
 * @param module the PKCS#11 library, e.g. /usr/lib/softhsm/libsofthsm2.so
 * @param tokenLabel the token's CKA label; slots are found by it, since slot ids change between boots on many HSMs
 * @param pinFile where the user PIN is read from when the environment does not give it
 * @param sessions how many logged-in sessions the pool keeps open, hence how many signatures run at once
 * @param firstRetry how long after a failed reconnection the next one is tried; doubled after each failure
 * @param maxRetry the longest wait between reconnection attempts
 */
public record Pkcs11Settings(Path module, String tokenLabel, Optional<Path> pinFile, int sessions,
                             Duration firstRetry, Duration maxRetry) {

    /**
     * SoftHSM signs no faster with more threads (DESIGN.md section 5) and network HSMs limit
     * sessions per client; four keeps the signers of the CAs, OCSP and CRLs from queueing behind one another.
     */
    public static final int DEFAULT_SESSIONS = 4;
    public static final Duration DEFAULT_FIRST_RETRY = Duration.ofSeconds(1);
    public static final Duration DEFAULT_MAX_RETRY = Duration.ofMinutes(1);

    public Pkcs11Settings {
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(pinFile, "pinFile");
        if (tokenLabel == null || tokenLabel.isBlank() || tokenLabel.length() > 32) {
            throw new KeySourceException("A PKCS#11 token label must be 1 to 32 characters, got '" + tokenLabel + "'");
        }
        if (sessions < 1) {
            throw new KeySourceException("The PKCS#11 session pool needs at least one session, got " + sessions);
        }
        if (firstRetry.isNegative() || maxRetry.compareTo(firstRetry) < 0) {
            throw new KeySourceException("PKCS#11 reconnection waits must satisfy 0 <= first (" + firstRetry
                    + ") <= max (" + maxRetry + ")");
        }
    }

    /** The given token with the default pool size and reconnection waits. */
    public static Pkcs11Settings of(Path module, String tokenLabel, Optional<Path> pinFile) {
        return new Pkcs11Settings(module, tokenLabel, pinFile, DEFAULT_SESSIONS, DEFAULT_FIRST_RETRY, DEFAULT_MAX_RETRY);
    }
}
