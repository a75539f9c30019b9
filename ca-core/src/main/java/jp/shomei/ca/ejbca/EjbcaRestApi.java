package jp.shomei.ca.ejbca;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.regex.Pattern;
import jp.shomei.ca.RefusedException;
import jp.shomei.ca.api.MunicipalIdentity;
import jp.shomei.ca.api.Refusals;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.ca.authority.CertificateAuthorities;
import jp.shomei.ca.lifecycle.Actor;
import jp.shomei.ca.lifecycle.CaServices;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subset of EJBCA's REST API v1 that municipal systems written for EJBCA use (docs/ejbca-rest.md),
 * under {@value #BASE} on the municipal listener. The same client certificates, lifecycle rules and
 * audit as the municipal API; requests and answers, errors included, in EJBCA's JSON shapes.
 */
public final class EjbcaRestApi {

    public static final String BASE = "/ejbca/ejbca-rest-api/v1";

    private static final Logger LOG = LoggerFactory.getLogger(EjbcaRestApi.class);
    private static final long MAX_BODY_BYTES = 64 * 1024;
    /** Every path of the subset, to tell a wrong method (405) from a path that does not exist (404). */
    private static final List<Pattern> PATHS = List.of(
            Pattern.compile("/certificate/(pkcs10enroll|search|status)"),
            Pattern.compile("/certificate/[^/]+/[^/]+/(revoke|revocationstatus)"),
            Pattern.compile("/ca"),
            Pattern.compile("/ca/[^/]+/(certificate/download|getLatestCrl)"));

    private final Vertx vertx;
    private final CertificateAuthorities authorities;
    private final Pkcs10Enrollment enrollment;
    private final Revocations revocations;
    private final CertificateSearch search;
    private final CaInformation cas;

    /** @param crlDirectory where the CRL publisher writes its files, for getLatestCrl */
    public EjbcaRestApi(Vertx vertx, CaServices services, CertificateAuthorities authorities, Path crlDirectory) {
        this.vertx = vertx;
        this.authorities = authorities;
        this.enrollment = new Pkcs10Enrollment(services.certificates(), authorities);
        this.revocations = new Revocations(services.certificates());
        this.search = new CertificateSearch(services);
        this.cas = new CaInformation(authorities, crlDirectory);
    }

    public void mount(Router router) {
        Router api = Router.router(vertx);
        api.route().handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
        api.get("/certificate/status").handler(context -> json(context, 200, new JsonObject()
                .put("status", "OK").put("version", "1.0").put("revision", "Shomei")));
        api.post("/certificate/pkcs10enroll").handler(context -> respond(context, 201, true,
                actor -> enrollment.enroll(actor, context.body().buffer())));
        api.post("/certificate/search").handler(context -> respond(context, 200, true,
                actor -> search.search(actor, context.body().buffer())));
        api.put("/certificate/:issuer_dn/:certificate_serial_number/revoke").handler(context -> respond(context, 200, false,
                actor -> revocations.revoke(actor, ca(context, "issuer_dn"), context.pathParam("issuer_dn"),
                        context.pathParam("certificate_serial_number"), context.queryParams().get("reason"),
                        context.queryParams().contains("date"), context.queryParams().contains("invalidity_date"))));
        api.get("/certificate/:issuer_dn/:certificate_serial_number/revocationstatus").handler(context -> respond(context,
                200, false, actor -> revocations.status(actor, ca(context, "issuer_dn"), context.pathParam("issuer_dn"),
                        context.pathParam("certificate_serial_number"))));
        api.get("/ca").handler(context -> respond(context, 200, false, actor -> cas.list()));
        api.get("/ca/:subject_dn/certificate/download").handler(this::download);
        api.get("/ca/:issuer_dn/getLatestCrl").handler(context -> respond(context, 200, false,
                actor -> cas.latestCrl(actor, ca(context, "issuer_dn"), flag(context, "deltaCrl"),
                        partitionIndex(context))));
        api.route().handler(this::unknownPath);
        api.route().failureHandler(this::failure);
        router.route(BASE + "/*").subRouter(api);
    }

    /** Runs the work as the calling municipality on a worker thread and answers with its JSON. */
    private void respond(RoutingContext context, int status, boolean jsonBody, Function<Actor, JsonObject> work) {
        if (jsonBody && !isJson(context.request().getHeader("Content-Type"))) {
            error(context, 415, "Content-Type must be application/json");
            return;
        }
        Actor actor;
        try {
            actor = MunicipalIdentity.of(context.request().connection());
        } catch (RefusedException refusal) {
            error(context, refusal.problem().httpStatus(), refusal.detail());
            return;
        }
        vertx.executeBlocking((Callable<JsonObject>) () -> work.apply(actor), false)
                .onSuccess(body -> json(context, status, body))
                .onFailure(context::fail);
    }

    private void download(RoutingContext context) {
        try {
            MunicipalIdentity.of(context.request().connection());
            CaKind kind = ca(context, "subject_dn");
            byte[] pem = cas.certificatePem(kind);
            context.response().setStatusCode(200)
                    .putHeader("Content-Type", "application/octet-stream")
                    .putHeader("Content-Disposition", "attachment; filename=\"" + cas.fileName(kind) + "\"")
                    .end(io.vertx.core.buffer.Buffer.buffer(pem));
        } catch (RuntimeException e) {
            context.fail(e);
        }
    }

    private CaKind ca(RoutingContext context, String parameter) {
        return EjbcaNames.kindOfCaDn(context.pathParam(parameter), authorities);
    }

    private static boolean flag(RoutingContext context, String name) {
        String value = context.queryParams().get(name);
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw new EjbcaError(400, name + " must be true or false");
    }

    private static int partitionIndex(RoutingContext context) {
        String value = context.queryParams().get("crlPartitionIndex");
        if (value == null) {
            return 0;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new EjbcaError(400, "crlPartitionIndex must be a whole number");
        }
    }

    private void unknownPath(RoutingContext context) {
        String path = context.request().path().substring(BASE.length());
        boolean known = PATHS.stream().anyMatch(pattern -> pattern.matcher(path).matches());
        if (known) {
            error(context, 405, "HTTP " + context.request().method() + " is not allowed on " + context.request().path());
        } else {
            error(context, 404, "Not found: " + context.request().path());
        }
    }

    private void failure(RoutingContext context) {
        Throwable error = context.failure();
        if (error instanceof EjbcaError ejbca) {
            error(context, ejbca.status(), ejbca.getMessage());
            return;
        }
        Refusals.of(error, context.statusCode(), MAX_BODY_BYTES).ifPresentOrElse(
                refusal -> error(context, refusal.problem().httpStatus(), refusal.detail()),
                () -> {
                    LOG.error("Unexpected failure on {} {}", context.request().method(), context.request().path(), error);
                    error(context, 500, "The request failed; nothing was changed");
                });
    }

    private static boolean isJson(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/json");
    }

    private static void error(RoutingContext context, int status, String message) {
        if (!context.response().ended()) {
            json(context, status, EjbcaError.body(status, message));
        }
    }

    private static void json(RoutingContext context, int status, JsonObject body) {
        context.response().setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store")
                .end(body.encode());
    }
}
