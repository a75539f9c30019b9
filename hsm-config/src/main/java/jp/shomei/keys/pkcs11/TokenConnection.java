package jp.shomei.keys.pkcs11;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.*;

import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import jp.shomei.keys.KeySourceException;
import jp.shomei.keys.SignatureAlgorithm;
import org.xipki.pkcs11.wrapper.AttributeVector;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.PKCS11KeyPair;
import org.xipki.pkcs11.wrapper.Session;
import org.xipki.pkcs11.wrapper.Token;

/**
 * A fixed set of logged-in sessions on one token, and the key handles found through them. Handles
 * are only valid with the sessions and login that found them, so they are cached here and thrown
 * away with the connection: a reconnection finds each key once more, a signature never searches.
 */
final class TokenConnection implements AutoCloseable {

    /** A private key on the token and the public key its signatures must verify with. */
    record KeyHandle(long privateKey, PublicKey publicKey) {
    }

    /** Longer than any single signature takes, short enough that a caller stuck behind a hung HSM hears of it. */
    private static final Duration SESSION_WAIT = Duration.ofSeconds(10);

    private final long generation;
    private final String tokenLabel;
    private final Token token;
    private final List<Session> sessions;
    private final BlockingQueue<Session> idle;
    private final Map<String, KeyHandle> keys = new ConcurrentHashMap<>();

    private TokenConnection(long generation, String tokenLabel, Token token, List<Session> sessions) {
        this.generation = generation;
        this.tokenLabel = tokenLabel;
        this.token = token;
        this.sessions = sessions;
        this.idle = new ArrayBlockingQueue<>(sessions.size(), false, sessions);
    }

    /**
     * Opens {@code count} read-write sessions on the token with this label and logs the user in.
     *
     * @throws PinRejectedException if the token refuses the PIN
     * @throws KeySourceException if the token is not there or the sessions cannot be opened
     */
    static TokenConnection open(SharedModule module, String tokenLabel, char[] pin, int count) {
        long generation = module.generation();
        Token token = module.token(tokenLabel);
        List<Session> sessions = new ArrayList<>(count);
        try {
            for (int i = 0; i < count; i++) {
                sessions.add(token.openSession(true));
            }
            login(sessions.get(0), tokenLabel, pin);
        } catch (PKCS11Exception e) {
            closeAll(sessions);
            throw new KeySourceException("Cannot open sessions on PKCS#11 token '" + tokenLabel + "': "
                    + e.getErrorName(), e);
        } catch (RuntimeException e) {
            closeAll(sessions);
            throw e;
        }
        return new TokenConnection(generation, tokenLabel, token, sessions);
    }

    // Login state belongs to the token and the application, not to a session: one login serves all.
    private static void login(Session session, String tokenLabel, char[] pin) throws PKCS11Exception {
        try {
            session.login(CKU_USER, pin);
        } catch (PKCS11Exception e) {
            if (e.getErrorCode() == CKR_USER_ALREADY_LOGGED_IN) {
                return;
            }
            if (Pkcs11Faults.isPinRejected(e)) {
                throw new PinRejectedException("PKCS#11 token '" + tokenLabel + "' rejected the user PIN ("
                        + e.getErrorName() + "); check the PIN source. It is not tried again until restart, so that"
                        + " a wrong PIN cannot lock the token", e);
            }
            throw e;
        }
    }

    long generation() {
        return generation;
    }

    /** The key with this label, found on the token once per connection. */
    Optional<KeyHandle> key(String label) throws PKCS11Exception {
        KeyHandle cached = keys.get(label);
        if (cached != null) {
            return Optional.of(cached);
        }
        Session session = borrow();
        try {
            Optional<KeyHandle> found = search(session, label);
            found.ifPresent(handle -> keys.put(label, handle));
            return found;
        } finally {
            idle.add(session);
        }
    }

    private Optional<KeyHandle> search(Session session, String label) throws PKCS11Exception {
        long[] privateKeys = session.findObjectsSingle(AttributeVector.newPrivateKey().label(label), 2);
        if (privateKeys.length == 0) {
            // Private objects are invisible without a login: "no such key" then means "logged out".
            if (session.getSessionInfo().getState() != CKS_RW_USER_FUNCTIONS) {
                throw new PKCS11Exception(CKR_USER_NOT_LOGGED_IN);
            }
            return Optional.empty();
        }
        if (privateKeys.length > 1) {
            throw new KeySourceException("PKCS#11 token '" + tokenLabel + "' holds more than one private key labelled '"
                    + label + "'; refusing to guess which one signs");
        }
        AttributeVector privateKey = session.getAttrValues(privateKeys[0], CKA_KEY_TYPE, CKA_ID);
        Long keyType = privateKey.keyType();
        if (!Long.valueOf(CKK_RSA).equals(keyType) && !Long.valueOf(CKK_EC).equals(keyType)) {
            throw new KeySourceException("Key '" + label + "' on PKCS#11 token '" + tokenLabel + "' is neither an RSA nor an EC key");
        }
        long[] publicKeys = session.findObjectsSingle(AttributeVector.newPublicKey().id(privateKey.id()), 2);
        if (publicKeys.length != 1) {
            throw new KeySourceException("Key '" + label + "' on PKCS#11 token '" + tokenLabel + "' has " + publicKeys.length
                    + " public keys with its CKA_ID, where exactly one is needed to check its signatures");
        }
        PublicKey publicKey = keyType == CKK_EC
                ? EcKeys.publicKey(session, publicKeys[0], label, tokenLabel)
                : RsaKeys.publicKey(session, publicKeys[0], label, tokenLabel);
        return Optional.of(new KeyHandle(privateKeys[0], publicKey));
    }

    /**
     * Generates an RSA-2048 key pair on the token: the private key sensitive, never extractable and
     * usable only to sign; both halves carry the label and a random CKA_ID that ties them together.
     */
    KeyHandle generateRsa2048(String label) throws PKCS11Exception {
        Session session = borrow();
        try {
            PKCS11KeyPair pair = RsaKeys.generate(session, label, false);
            return cache(label, new KeyHandle(pair.getPrivateKey(),
                    RsaKeys.publicKey(session, pair.getPublicKey(), label, tokenLabel)));
        } finally {
            idle.add(session);
        }
    }

    /** Generates an ECDSA P-256 key pair on the token, with the same attributes as {@link #generateRsa2048}. */
    KeyHandle generateEcP256(String label) throws PKCS11Exception {
        Session session = borrow();
        try {
            PKCS11KeyPair pair = EcKeys.generateP256(session, label);
            return cache(label, new KeyHandle(pair.getPrivateKey(),
                    EcKeys.publicKey(session, pair.getPublicKey(), label, tokenLabel)));
        } finally {
            idle.add(session);
        }
    }

    private KeyHandle cache(String label, KeyHandle handle) {
        keys.put(label, handle);
        return handle;
    }

    /** Signs what the algorithm hands over (a DigestInfo or a digest) with its mechanism. */
    byte[] sign(KeyHandle key, SignatureAlgorithm algorithm, byte[] toSign) throws PKCS11Exception {
        Session session = borrow();
        try {
            return session.signSingle(SigningMechanisms.of(algorithm), key.privateKey(), toSign);
        } finally {
            idle.add(session);
        }
    }

    /**
     * What is wrong with this connection, if anything: asks the token for its state, checks the
     * login is still in force and that every cached key handle still names an object.
     */
    Optional<String> probe() {
        Session session;
        try {
            session = borrow();
        } catch (KeySourceException e) {
            return Optional.of(e.getMessage());
        }
        try {
            token.getTokenInfo();
            if (session.getSessionInfo().getState() != CKS_RW_USER_FUNCTIONS) {
                return Optional.of("PKCS#11 token '" + tokenLabel + "' is logged out");
            }
            for (Map.Entry<String, KeyHandle> key : keys.entrySet()) {
                session.getAttrValues(key.getValue().privateKey(), CKA_ID);
            }
            return Optional.empty();
        } catch (PKCS11Exception e) {
            return Optional.of("PKCS#11 token '" + tokenLabel + "' does not answer: " + e.getErrorName());
        } finally {
            idle.add(session);
        }
    }

    private Session borrow() {
        try {
            Session session = idle.poll(SESSION_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (session == null) {
                throw new KeySourceException("No PKCS#11 session on token '" + tokenLabel + "' came free within "
                        + SESSION_WAIT.toSeconds() + " s; the HSM is slow or hung");
            }
            return session;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KeySourceException("Interrupted while waiting for a PKCS#11 session on token '" + tokenLabel + "'", e);
        }
    }

    /** Closes the sessions; closing the last one also logs the token out, as PKCS#11 specifies. */
    @Override
    public void close() {
        closeAll(sessions);
    }

    private static void closeAll(List<Session> sessions) {
        for (Session session : sessions) {
            try {
                session.closeSession();
            } catch (PKCS11Exception e) {
                // Already gone with the token or the module; nothing is left to release.
            }
        }
    }
}
