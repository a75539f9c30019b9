package jp.shomei.keys.pkcs11;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.*;

import java.util.Set;
import org.xipki.pkcs11.wrapper.PKCS11Exception;

/** Which PKCS#11 errors mean the sessions, the login or the token are gone, rather than that one request was bad. */
final class Pkcs11Faults {

    private static final Set<Long> CONNECTION_LOST = Set.of(
            CKR_SESSION_HANDLE_INVALID, CKR_SESSION_CLOSED, CKR_USER_NOT_LOGGED_IN,
            // Handles of token objects die with the session state that found them, e.g. after a logout.
            CKR_OBJECT_HANDLE_INVALID, CKR_KEY_HANDLE_INVALID,
            CKR_CRYPTOKI_NOT_INITIALIZED, CKR_DEVICE_REMOVED, CKR_DEVICE_ERROR, CKR_DEVICE_MEMORY,
            CKR_TOKEN_NOT_PRESENT, CKR_TOKEN_NOT_RECOGNIZED, CKR_SLOT_ID_INVALID,
            // SoftHSM answers CKR_GENERAL_ERROR once its token directory has vanished.
            CKR_GENERAL_ERROR);

    private static final Set<Long> PIN_REJECTED = Set.of(
            CKR_PIN_INCORRECT, CKR_PIN_INVALID, CKR_PIN_LEN_RANGE, CKR_PIN_EXPIRED, CKR_PIN_LOCKED);

    private Pkcs11Faults() {
    }

    static boolean isConnectionLost(PKCS11Exception e) {
        return CONNECTION_LOST.contains(e.getErrorCode());
    }

    static boolean isPinRejected(PKCS11Exception e) {
        return PIN_REJECTED.contains(e.getErrorCode());
    }
}
