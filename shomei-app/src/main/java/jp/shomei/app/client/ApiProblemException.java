package jp.shomei.app.client;

import io.vertx.core.json.JsonObject;

/**
 * The municipal API refused a request: an HTTP error status with an RFC 9457 problem body, whose
 * {@code code} is the stable reason (for example "not-eligible-under-15") and {@code detail} says why.
 * The message reads "422 not-eligible-under-15: resident is 14 years old ...".
 */
public final class ApiProblemException extends RuntimeException {

    private final String code;

    public ApiProblemException(int status, String code, String detail) {
        super(status + " " + code + ": " + detail);
        this.code = code;
    }

    /** From an error response, which may lack a problem body if something other than Shomei answered. */
    static ApiProblemException from(int status, JsonObject body) {
        if (body == null || body.getString("code") == null) {
            return new ApiProblemException(status, "http-" + status, "the response carries no problem details");
        }
        return new ApiProblemException(status, body.getString("code"), body.getString("detail", ""));
    }

    public String code() {
        return code;
    }
}
