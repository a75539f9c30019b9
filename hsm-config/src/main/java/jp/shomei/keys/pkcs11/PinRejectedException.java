package jp.shomei.keys.pkcs11;

import jp.shomei.keys.KeySourceException;

/**
 * The token refused the PIN. Never retried automatically: real HSMs lock a token after a few
 * wrong PINs, and a pool that kept reconnecting would lock it for everyone.
 */
final class PinRejectedException extends KeySourceException {

    PinRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
