package jp.shomei.keys;

/** A key source could not do what was asked: missing key, duplicate label, wrong passphrase, failed signature. */
public class KeySourceException extends RuntimeException {

    public KeySourceException(String message) {
        super(message);
    }

    public KeySourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
