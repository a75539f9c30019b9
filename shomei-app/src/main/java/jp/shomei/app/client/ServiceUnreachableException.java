package jp.shomei.app.client;

/** No HTTP answer at all: nothing listening, a TLS handshake that failed, or a timeout. The message says which. */
public final class ServiceUnreachableException extends RuntimeException {

    public ServiceUnreachableException(String message) {
        super(message);
    }
}
