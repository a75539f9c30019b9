package jp.shomei.ca.api;

import io.micronaut.data.exceptions.DataAccessException;
import java.util.Optional;
import jp.shomei.ca.Problem;
import jp.shomei.ca.RefusedException;
import jp.shomei.keys.KeySourceException;

/**
 * What a failed request tells its client, for the protocol front ends that speak their own error
 * shapes (EJBCA REST, EST): a refusal, an unavailable key source or store, or an over-long body. Empty
 * means the failure was unexpected: the caller logs it and answers with a generic server error.
 */
public final class Refusals {

    private Refusals() {
    }

    /**
     * @param error      the failure, or null when Vert.x failed the request with a status code only
     * @param statusCode the status code the request was failed with (413 for a body over the limit), or -1
     */
    public static Optional<RefusedException> of(Throwable error, int statusCode, long bodyLimit) {
        if (error instanceof RefusedException refusal) {
            return Optional.of(refusal);
        }
        if (causedBy(error, KeySourceException.class)) {
            return Optional.of(new RefusedException(Problem.SIGNING_UNAVAILABLE,
                    "the signing key is unavailable; nothing was issued or changed"));
        }
        if (causedBy(error, java.sql.SQLException.class) || causedBy(error, DataAccessException.class)) {
            return Optional.of(new RefusedException(Problem.STORE_UNAVAILABLE,
                    "the database is unavailable; nothing was changed"));
        }
        if (statusCode == 413) {
            return Optional.of(new RefusedException(Problem.PAYLOAD_TOO_LARGE, "request body exceeds " + bodyLimit + " bytes"));
        }
        // Vert.x itself fails a request it cannot read with a 4xx status, with or without a cause.
        if (statusCode >= 400 && statusCode < 500) {
            return Optional.of(new RefusedException(Problem.MALFORMED_REQUEST, "the request could not be read"));
        }
        return Optional.empty();
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
