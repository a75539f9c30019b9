package jp.shomei.ca.est;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import jp.shomei.ca.Problem;
import jp.shomei.ca.RefusedException;
import jp.shomei.ca.api.MunicipalIdentity;
import jp.shomei.ca.api.Refusals;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.ca.authority.CertificateAuthorities;
import jp.shomei.ca.certificate.CertificateRecord;
import jp.shomei.ca.certificate.CertsOnly;
import jp.shomei.ca.lifecycle.Actor;
import jp.shomei.ca.lifecycle.CaServices;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * EST (RFC 7030) on the municipal listener: {@code /.well-known/est/<label>/cacerts}, {@code simpleenroll}
 * and {@code simplereenroll}, where the label is the hierarchy, {@code sign} or {@code auth}
 * (docs/est.md). Enrolment runs as the municipality of the client certificate, through the same
 * lifecycle as the municipal API; errors are plain text with the HTTP status RFC 7030 asks for.
 */
public final class EstApi {

    public static final String BASE = "/.well-known/est";

    private static final Logger LOG = LoggerFactory.getLogger(EstApi.class);
    private static final long MAX_BODY_BYTES = 64 * 1024;
    private static final Pattern OPERATIONS = Pattern.compile("/[^/]+/(cacerts|simpleenroll|simplereenroll)");
    private static final String CERTS_ONLY = "application/pkcs7-mime; smime-type=certs-only";

    private final Vertx vertx;
    private final CaServices services;
    private final CertificateAuthorities authorities;
    private final Clock clock;

    public EstApi(Vertx vertx, CaServices services, CertificateAuthorities authorities, Clock clock) {
        this.vertx = vertx;
        this.services = services;
        this.authorities = authorities;
        this.clock = clock;
    }

    public void mount(Router router) {
        Router est = Router.router(vertx);
        est.route().handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
        est.get("/:label/cacerts").handler(this::caCertificates);
        est.post("/:label/simpleenroll").handler(context -> enroll(context, false));
        est.post("/:label/simplereenroll").handler(context -> enroll(context, true));
        est.route().handler(this::unknownPath);
        est.route().failureHandler(this::failure);
        router.route(BASE + "/*").subRouter(est);
    }

    /** Every generation of the label's CA; RFC 7030 §4.1.1 asks that this need no client authentication. */
    private void caCertificates(RoutingContext context) {
        try {
            CaKind kind = label(context);
            send(context, "application/pkcs7-mime", CertsOnly.of(authorities.all(kind).stream()
                    .map(generation -> generation.authority().certificate()).toList()));
        } catch (RuntimeException e) {
            context.fail(e);
        }
    }

    private void enroll(RoutingContext context, boolean renewal) {
        Actor actor;
        CaKind kind;
        try {
            kind = label(context);
            String contentType = context.request().getHeader("Content-Type");
            if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/pkcs10")) {
                throw new RefusedException(Problem.UNSUPPORTED_MEDIA_TYPE, "the request must be application/pkcs10");
            }
            actor = MunicipalIdentity.of(context.request().connection());
        } catch (RuntimeException e) {
            context.fail(e);
            return;
        }
        vertx.executeBlocking((Callable<CertificateRecord>) () -> {
            EstRequest request = EstRequest.parse(context.body().buffer());
            return renewal ? renew(actor, kind, request) : services.certificates().enroll(actor, request.residentCode(),
                    kind, request.publicKey(), request.cardExpiresOn().orElseThrow(() -> new RefusedException(
                            Problem.INVALID_FIELD, "the request's challengePassword attribute must carry the card's"
                                    + " expiry date, e.g. 2036-05-10")));
        }, false).onSuccess(issued -> send(context, CERTS_ONLY, CertsOnly.of(List.of(CertsOnly.holder(issued.der())))))
                .onFailure(context::fail);
    }

    /** Re-enrolment renews the resident's live certificate of this kind; the card expiry carries over unless given. */
    private CertificateRecord renew(Actor actor, CaKind kind, EstRequest request) {
        CertificateRecord live = services.residents().show(actor, request.residentCode()).certificates().stream()
                .filter(certificate -> certificate.caKind() == kind && certificate.isLiveAt(clock.instant()))
                .findFirst()
                .orElseThrow(() -> new RefusedException(Problem.CERTIFICATE_NOT_FOUND, "resident "
                        + request.residentCode() + " holds no live " + kind.pathName()
                        + " certificate to re-enroll; use simpleenroll"));
        return services.certificates().renew(actor, live.serial(), request.publicKey(), request.cardExpiresOn())
                .successor();
    }

    private static CaKind label(RoutingContext context) {
        try {
            return CaKind.fromPathName(context.pathParam("label"));
        } catch (IllegalArgumentException e) {
            throw new RefusedException(Problem.NOT_FOUND, "no EST label '" + context.pathParam("label")
                    + "'; the labels are sign and auth");
        }
    }

    private void unknownPath(RoutingContext context) {
        boolean known = OPERATIONS.matcher(context.request().path().substring(BASE.length())).matches();
        error(context, known ? Problem.METHOD_NOT_ALLOWED : Problem.NOT_FOUND, known
                ? context.request().method() + " is not allowed on " + context.request().path()
                : "no such EST operation: " + context.request().path());
    }

    private void failure(RoutingContext context) {
        Throwable error = context.failure();
        Refusals.of(error, context.statusCode(), MAX_BODY_BYTES).ifPresentOrElse(
                refusal -> error(context, refusal.problem(), refusal.detail()),
                () -> {
                    LOG.error("Unexpected failure on {} {}", context.request().method(), context.request().path(), error);
                    context.response().setStatusCode(500).putHeader("Content-Type", "text/plain; charset=utf-8")
                            .end("internal-error: the request failed; nothing was changed\n");
                });
    }

    /**
     * A refusal as RFC 7030 §4.2.3 has it: the HTTP status and a human-readable text/plain body, here
     * starting with Shomei's stable problem code. A missing client certificate is 403: 401 would ask for
     * HTTP authentication, which EST clients then try and Shomei does not take.
     */
    private static void error(RoutingContext context, Problem problem, String detail) {
        if (context.response().ended()) {
            return;
        }
        int status = problem == Problem.UNAUTHENTICATED ? 403 : problem.httpStatus();
        context.response().setStatusCode(status)
                .putHeader("Content-Type", "text/plain; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .end(problem.code() + ": " + detail + "\n");
    }

    private static void send(RoutingContext context, String contentType, byte[] der) {
        context.response().setStatusCode(200)
                .putHeader("Content-Type", contentType)
                .putHeader("Content-Transfer-Encoding", "base64")
                .putHeader("Cache-Control", "no-store")
                .end(Buffer.buffer(Base64.getMimeEncoder(64, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                        + "\r\n"));
    }
}
