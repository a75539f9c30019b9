package jp.shomei.ca.ejbca;

import io.vertx.core.json.JsonObject;

/**
 * A refusal in EJBCA's own terms, for what only this protocol can get wrong (profile names, issuer
 * DNs, query parameters). It reaches the client as EJBCA's error shape,
 * {@code {"error_code": <HTTP status>, "error_message": "..."}}.
 */
final class EjbcaError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    EjbcaError(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }

    static JsonObject body(int status, String message) {
        return new JsonObject().put("error_code", status).put("error_message", message);
    }
}
