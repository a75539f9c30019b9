package jp.shomei.keys.pkcs11;

import java.security.PublicKey;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import jp.shomei.keys.KeyLabel;
import jp.shomei.keys.DigestSigningKey;
import jp.shomei.keys.KeySource;
import jp.shomei.keys.KeySourceException;
import jp.shomei.keys.SignatureAlgorithm;
import jp.shomei.keys.SigningKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xipki.pkcs11.wrapper.PKCS11Exception;

/**
 * Keys on a PKCS#11 token (an HSM, or SoftHSM in tests), found by token label and key label.
 *
 * <p>Signing borrows one of a fixed number of logged-in sessions and uses a key handle found once
 * per connection. When the token stops answering (sessions closed, user logged out, token or
 * library gone) the connection is dropped and made again: at once, then with doubling waits while
 * it keeps failing. A signature that meets a lost connection is retried once on a fresh one; if
 * that cannot be had it fails with a {@link KeySourceException}, which callers report as signing
 * unavailable. Every signature is checked against the public key before it is returned.
 *
 * <p>The PIN is kept, in an array wiped on {@link #close()}, because reconnecting means logging in again.
 */
public final class Pkcs11KeySource implements KeySource {

    private static final Logger LOG = LoggerFactory.getLogger(Pkcs11KeySource.class);

    private final Pkcs11Settings settings;
    private final SharedModule module;
    private final char[] pin;
    private final ReconnectBackoff backoff;
    /** Read without locking on the signing path; replaced under the instance lock. */
    private volatile TokenConnection connection;
    private String unavailableBecause = "not connected yet";
    private PinRejectedException pinRejected;
    private boolean closed;

    private Pkcs11KeySource(Pkcs11Settings settings, SharedModule module, char[] pin, Clock clock) {
        this.settings = settings;
        this.module = module;
        this.pin = pin.clone();
        this.backoff = new ReconnectBackoff(clock, settings.firstRetry(), settings.maxRetry());
    }

    /**
     * Loads the module, finds the token and logs in, failing at once with the reason: a CA must not
     * start without its keys. The PIN is copied; the caller may wipe its array as soon as this returns.
     *
     * @param clock paces reconnection attempts
     */
    public static Pkcs11KeySource open(Pkcs11Settings settings, char[] pin, Clock clock) {
        SharedModule module = SharedModule.acquire(settings.module());
        Pkcs11KeySource source = new Pkcs11KeySource(settings, module, pin, clock);
        try {
            source.connected();
            return source;
        } catch (RuntimeException e) {
            source.close();
            throw e;
        }
    }

    /** @throws KeySourceException if the label is malformed, the token cannot be reached or holds two such keys */
    @Override
    public Optional<SigningKey> find(String label) {
        String name = new KeyLabel(label).value();
        return withConnection("find key '" + name + "'",
                connection -> connection.key(name).map(handle -> signingKey(name, handle.publicKey())));
    }

    /** @throws KeySourceException if a key with this label exists on the token or generation fails */
    @Override
    public SigningKey generateRsa2048(String label) {
        String name = new KeyLabel(label).value();
        return generate(name, "RSA-2048", connection -> connection.generateRsa2048(name));
    }

    /**
     * Generates an ECDSA P-256 key pair on the token (CKM_EC_KEY_PAIR_GEN), for the next card
     * generation; it signs with {@link SigningKey#sha256WithEcdsa()}. Only tokens make EC keys: the
     * software key store holds RSA keys alone.
     *
     * @throws KeySourceException if a key with this label exists on the token or generation fails
     */
    public SigningKey generateEcP256(String label) {
        String name = new KeyLabel(label).value();
        return generate(name, "ECDSA P-256", connection -> connection.generateEcP256(name));
    }

    private SigningKey generate(String name, String kind, TokenCall<TokenConnection.KeyHandle> generation) {
        TokenConnection current = connected();
        try {
            if (current.key(name).isPresent()) {
                throw new KeySourceException("Key '" + name + "' already exists on PKCS#11 token '"
                        + settings.tokenLabel() + "'; refusing to add a second key under the same label");
            }
            LOG.info("Generating {} key '{}' on PKCS#11 token '{}'", kind, name, settings.tokenLabel());
            return signingKey(name, generation.on(current).publicKey());
        } catch (PKCS11Exception e) {
            // Not retried: the pair may have been made before the fault, and a second would duplicate the label.
            if (Pkcs11Faults.isConnectionLost(e)) {
                drop(current, e.getErrorName());
            }
            throw new KeySourceException("Cannot generate key '" + name + "' on PKCS#11 token '"
                    + settings.tokenLabel() + "': " + e.getErrorName(), e);
        }
    }

    /**
     * The key holds no handle: handles belong to a connection, and the source finds the key again by
     * its label after a reconnection.
     */
    private SigningKey signingKey(String label, PublicKey publicKey) {
        return new DigestSigningKey(label, publicKey, (algorithm, toSign) -> sign(label, publicKey, algorithm, toSign),
                "key '" + label + "' on " + describe());
    }

    /** Signs with the key under this label, which must still be the key with this public key. */
    private byte[] sign(String label, PublicKey expected, SignatureAlgorithm algorithm, byte[] toSign) {
        return withConnection("sign with key '" + label + "'", connection -> {
            TokenConnection.KeyHandle key = connection.key(label).orElseThrow(() -> new KeySourceException(
                    "Key '" + label + "' is no longer on PKCS#11 token '" + settings.tokenLabel() + "'"));
            if (!key.publicKey().equals(expected)) {
                throw new KeySourceException("Key '" + label + "' on PKCS#11 token '" + settings.tokenLabel()
                        + "' has been replaced by a different key since it was loaded; refusing to sign with it");
            }
            return connection.sign(key, algorithm, toSign);
        });
    }

    @FunctionalInterface
    private interface TokenCall<T> {
        T on(TokenConnection connection) throws PKCS11Exception;
    }

    // A lost connection is retried once on a new one: a session closed or a login dropped behind our
    // back then costs one reconnection, not a failed certificate.
    private <T> T withConnection(String what, TokenCall<T> call) {
        for (int attempt = 1; ; attempt++) {
            TokenConnection current = connected();
            try {
                return call.on(current);
            } catch (PKCS11Exception e) {
                if (!Pkcs11Faults.isConnectionLost(e)) {
                    throw new KeySourceException("PKCS#11 token '" + settings.tokenLabel() + "' refused to " + what
                            + ": " + e.getErrorName(), e);
                }
                drop(current, "the token stopped answering (" + e.getErrorName() + ")");
                if (attempt == 2) {
                    throw new KeySourceException("Signing unavailable: could not " + what + " on PKCS#11 token '"
                            + settings.tokenLabel() + "': " + e.getErrorName(), e);
                }
            }
        }
    }

    /**
     * Probes the token and reconnects if it has stopped answering and the backoff allows.
     * The reason names the token and the PKCS#11 error, never the PIN.
     */
    @Override
    public Optional<String> unhealthyReason() {
        try {
            TokenConnection current = connected();
            Optional<String> fault = current.probe();
            if (fault.isEmpty()) {
                return Optional.empty();
            }
            drop(current, fault.get());
            // A fresh connection, if the backoff allows one now, answers for the token from here on.
            return connected().probe();
        } catch (KeySourceException e) {
            return Optional.of(e.getMessage());
        }
    }

    @Override
    public String describe() {
        return "PKCS#11 token '" + settings.tokenLabel() + "' in " + module.path();
    }

    /** Closes the sessions, wipes the PIN and releases the module; signing keys handed out stop working. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        Arrays.fill(pin, '\0');
        if (connection != null) {
            connection.close();
            connection = null;
        }
        module.release();
    }

    /** The live connection, made now if there is none and the backoff allows. */
    private TokenConnection connected() {
        TokenConnection current = connection;
        if (current != null && current.generation() == module.generation()) {
            return current;
        }
        return reconnect();
    }

    private synchronized TokenConnection reconnect() {
        if (closed) {
            throw new KeySourceException("The " + describe() + " is closed");
        }
        if (connection != null) {
            if (connection.generation() == module.generation()) {
                return connection;
            }
            drop(connection, "the PKCS#11 module was re-initialised");
        }
        if (pinRejected != null) {
            throw new KeySourceException("Signing unavailable: " + pinRejected.getMessage(), pinRejected);
        }
        if (!backoff.mayAttempt()) {
            throw new KeySourceException("Signing unavailable: " + unavailableBecause + "; next reconnection attempt at "
                    + backoff.nextAttempt());
        }
        try {
            connection = connect();
            backoff.succeeded();
            LOG.info("Connected to {} with {} sessions", describe(), settings.sessions());
            return connection;
        } catch (PinRejectedException e) {
            pinRejected = e;
            throw e;
        } catch (KeySourceException e) {
            backoff.failed();
            unavailableBecause = e.getMessage();
            LOG.warn("Cannot connect to {}: {}; next attempt at {}", describe(), e.getMessage(), backoff.nextAttempt());
            throw new KeySourceException("Signing unavailable: " + e.getMessage(), e);
        }
    }

    // Some faults (a vanished token directory in SoftHSM, a token added by another process) are
    // cured only by re-initialising the library, so that is the second try.
    private TokenConnection connect() {
        long seen = module.generation();
        try {
            return TokenConnection.open(module, settings.tokenLabel(), pin, settings.sessions());
        } catch (PinRejectedException e) {
            throw e;
        } catch (KeySourceException e) {
            LOG.warn("Cannot connect to {} ({}); re-initialising the module", describe(), e.getMessage());
            module.reinitialize(seen);
            return TokenConnection.open(module, settings.tokenLabel(), pin, settings.sessions());
        }
    }

    private synchronized void drop(TokenConnection broken, String reason) {
        if (connection != broken) {
            return;
        }
        LOG.warn("Lost {}: {}", describe(), reason);
        connection = null;
        unavailableBecause = reason;
        broken.close();
    }
}
