package jp.shomei.ca.api;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import jp.shomei.ca.Problem;

/** RFC 9457 problem details, the only shape in which the API reports an error. */
public final class Problems {

    public static final String CONTENT_TYPE = "application/problem+json";

    private Problems() {
    }

    public static JsonObject body(Problem problem, String detail, String instance) {
        return new JsonObject()
                .put("type", "urn:shomei:problem:" + problem.code())
                .put("title", problem.title())
                .put("status", problem.httpStatus())
                .put("detail", detail)
                .put("instance", instance)
                .put("code", problem.code());
    }

    public static void send(RoutingContext context, Problem problem, String detail) {
        if (context.response().ended()) {
            return;
        }
        context.response()
                .setStatusCode(problem.httpStatus())
                .putHeader("Content-Type", CONTENT_TYPE)
                .putHeader("Cache-Control", "no-store")
                .end(body(problem, detail, context.request().path()).encode());
    }
}
