package jp.shomei.ca.api;

import io.micronaut.data.exceptions.DataAccessException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import jp.shomei.ca.Problem;
import jp.shomei.ca.RefusedException;
import jp.shomei.keys.KeySourceException;
import org.slf4j.Logger;

/**
 * What every JSON API of Shomei does with a request it cannot serve: bodies that are not JSON are
 * refused before they are read, refusals become their problem, outages of keys or store a 503, and
 * anything unexpected a 500 whose cause goes to the log only.
 */
public final class RouteFailures {

    /** Sends (and counts, as the API sees fit) one refusal. */
    public interface Refusal {
        void send(RoutingContext context, Problem problem, String detail);
    }

    private RouteFailures() {
    }

    /** A route handler: passes requests without a body or with a JSON one, refuses the rest with 415. */
    public static void requireJsonBody(RoutingContext context, Refusal refusal) {
        String contentType = context.request().getHeader("Content-Type");
        String length = context.request().getHeader("Content-Length");
        boolean hasBody = (length != null && !length.equals("0")) || context.request().getHeader("Transfer-Encoding") != null;
        if (hasBody && (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json"))) {
            refusal.send(context, Problem.UNSUPPORTED_MEDIA_TYPE, "request bodies must be application/json");
            return;
        }
        context.next();
    }

    /** The failure handler: answers whatever made the route fail with the problem that explains it. */
    public static void answer(RoutingContext context, long maxBodyBytes, Logger log, Refusal refusal) {
        Throwable error = context.failure();
        if (error instanceof RefusedException refused) {
            refusal.send(context, refused.problem(), refused.detail());
        } else if (causedBy(error, KeySourceException.class)) {
            log.error("Signing failed on {} {}", context.request().method(), context.request().path(), error);
            refusal.send(context, Problem.SIGNING_UNAVAILABLE, "the signing key is unavailable; nothing was issued or changed");
        } else if (isStoreFailure(error)) {
            log.error("Store failed on {} {}", context.request().method(), context.request().path(), error);
            refusal.send(context, Problem.STORE_UNAVAILABLE, "the database is unavailable; nothing was changed");
        } else if (context.statusCode() == 413) {
            refusal.send(context, Problem.PAYLOAD_TOO_LARGE, "request body exceeds " + maxBodyBytes + " bytes");
        } else if (error == null && context.statusCode() >= 400 && context.statusCode() < 500) {
            refusal.send(context, Problem.MALFORMED_REQUEST, "the request could not be read");
        } else {
            log.error("Unexpected failure on {} {}", context.request().method(), context.request().path(), error);
            context.response().setStatusCode(500).putHeader("Content-Type", Problems.CONTENT_TYPE)
                    .end(new JsonObject().put("type", "urn:shomei:problem:internal-error").put("title", "Internal error")
                            .put("status", 500).put("detail", "the request failed; nothing was changed")
                            .put("code", "internal-error").encode());
        }
    }

    public static boolean isStoreFailure(Throwable error) {
        return causedBy(error, java.sql.SQLException.class) || causedBy(error, DataAccessException.class);
    }

    public static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
