package jp.shomei.keys.pkcs11;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKU_USER;

import java.nio.file.Path;
import jp.shomei.keys.KeySourceException;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.Session;

/**
 * One read-write session on a token with the user logged in, for work that runs start to finish
 * on a single session and neither reconnects nor retries: key ceremonies and issuance onto a
 * resident's card or phone. The signing pool keeps its own sessions (TokenConnection).
 */
public final class LoggedInSession implements AutoCloseable {

    private final SharedModule module;
    private final String tokenLabel;
    private final Session session;

    private LoggedInSession(SharedModule module, String tokenLabel, Session session) {
        this.module = module;
        this.tokenLabel = tokenLabel;
        this.session = session;
    }

    /**
     * Opens a read-write session on the token with this label and logs the user in.
     *
     * @param pin read, not kept; the caller wipes it
     * @throws KeySourceException if the module or token is missing or the PIN is refused
     */
    public static LoggedInSession open(Path modulePath, String tokenLabel, char[] pin) {
        SharedModule module = SharedModule.acquire(modulePath);
        Session session = null;
        try {
            session = module.token(tokenLabel).openSession(true);
            session.login(CKU_USER, pin);
            return new LoggedInSession(module, tokenLabel, session);
        } catch (PKCS11Exception e) {
            closeQuietly(session);
            module.release();
            throw new KeySourceException("Cannot log in to PKCS#11 token '" + tokenLabel + "': " + e.getErrorName(), e);
        } catch (RuntimeException e) {
            closeQuietly(session);
            module.release();
            throw e;
        }
    }

    public Session session() {
        return session;
    }

    public String tokenLabel() {
        return tokenLabel;
    }

    /** An error that names this token, what could not be done and the token's reason. */
    public KeySourceException failure(String what, PKCS11Exception e) {
        return new KeySourceException("PKCS#11 token '" + tokenLabel + "' could not " + what + ": " + e.getErrorName(), e);
    }

    /** Destroys an object made in this session, as clean-up after a failure that the caller reports. */
    public void destroyQuietly(long handle) {
        try {
            session.destroyObject(handle);
        } catch (PKCS11Exception e) {
            // A session object goes with the session anyway; a token object left here is named by the caller's error.
        }
    }

    private static void closeQuietly(Session session) {
        if (session != null) {
            try {
                session.closeSession();
            } catch (PKCS11Exception e) {
                // Nothing left to release.
            }
        }
    }

    /** Closes the session, which logs the token out once no other session of this process remains. */
    @Override
    public void close() {
        closeQuietly(session);
        module.release();
    }
}
