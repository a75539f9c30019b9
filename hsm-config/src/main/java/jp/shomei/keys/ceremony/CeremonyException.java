package jp.shomei.keys.ceremony;

/** A ceremony cannot start or continue: no quorum, a bad share, a bad script or a broken transcript. */
public final class CeremonyException extends RuntimeException {

    public CeremonyException(String message) {
        super(message);
    }

    public CeremonyException(String message, Throwable cause) {
        super(message, cause);
    }
}
