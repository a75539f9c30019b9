package jp.shomei.ca.api;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.math.BigInteger;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import jp.shomei.ca.Problem;
import jp.shomei.ca.RefusedException;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.ca.authority.CertificateAuthorities;
import jp.shomei.ca.certificate.AuthenticationMode;
import jp.shomei.ca.certificate.RevocationReason;
import jp.shomei.ca.certificate.Serials;
import jp.shomei.ca.lifecycle.Actor;
import jp.shomei.ca.lifecycle.CaServices;
import jp.shomei.ca.lifecycle.CertificateLifecycle;
import jp.shomei.ca.lifecycle.ResidentRegister;
import jp.shomei.ca.phone.PhoneApplication;
import jp.shomei.ca.phone.SignedPhoneApplications;
import jp.shomei.ca.request.CertificationRequests;
import jp.shomei.keys.KeySourceException;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The municipal REST API (docs/municipal-api.md). Every route runs as the municipality named by the
 * caller's client certificate; the blocking work (database, signing) runs on worker threads.
 */
public final class MunicipalApi {

    private static final Logger LOG = LoggerFactory.getLogger(MunicipalApi.class);
    /** Large enough for any resident record or PKCS#10 request, small enough that no body is a burden. */
    static final long MAX_BODY_BYTES = 64 * 1024;

    private static final Set<String> ENROLL_MEMBERS = Set.of("ca", "csr", "cardExpiresOn");
    private static final Set<String> RENEW_MEMBERS = Set.of("csr", "cardExpiresOn");
    private static final Set<String> REVOKE_MEMBERS = Set.of("reason");
    private static final Set<String> DEATH_MEMBERS = Set.of("diedOn");
    private static final Set<String> CONSENT_MEMBERS = Set.of("verifier", "purpose", "expiresAt", "document");
    private static final Set<String> PROTECTION_MEMBERS = Set.of("protected");
    private static final Set<String> PHONE_MEMBERS = Set.of("application");
    private static final Set<String> MODE_MEMBERS = Set.of("mode");

    private final Vertx vertx;
    private final CaServices services;
    private final CertificateAuthorities authorities;
    private final Clock clock;
    private final MeterRegistry meters;

    public MunicipalApi(Vertx vertx, CaServices services, CertificateAuthorities authorities, Clock clock,
                        MeterRegistry meters) {
        this.vertx = vertx;
        this.services = services;
        this.authorities = authorities;
        this.clock = clock;
        this.meters = meters;
    }

    /** Adds the API's routes, and the error handling every route shares, to the router. */
    public void mount(Router router) {
        router.route("/v1/*").handler(this::requireJsonBody);
        router.route("/v1/*").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
        router.put("/v1/residents/:residentCode").handler(this::putResident);
        router.get("/v1/residents/:residentCode").handler(context -> respond(context, 200, actor -> {
            ResidentRegister.ResidentView view = services.residents().show(actor, context.pathParam("residentCode"));
            return ResidentJson.of(view.resident()).put("certificates", CertificateJson.summaries(view.certificates()));
        }));
        router.post("/v1/residents/:residentCode/death").handler(context -> respond(context, 200, actor -> {
            JsonFields body = JsonFields.parse(context.body().buffer(), DEATH_MEMBERS);
            return new JsonObject().put("revokedCertificates", CertificateJson.summaries(
                    services.residents().reportDeath(actor, context.pathParam("residentCode"), body.requiredDate("diedOn"))));
        }));
        router.post("/v1/residents/:residentCode/certificates").handler(context -> respond(context, 201, actor -> {
            JsonFields body = JsonFields.parse(context.body().buffer(), ENROLL_MEMBERS);
            CaKind kind = caKind(body.requiredString("ca"));
            java.time.LocalDate cardExpiresOn = body.requiredDate("cardExpiresOn");
            SubjectPublicKeyInfo key = CertificationRequests.publicKeyFromPem(body.requiredString("csr"));
            return CertificateJson.of(services.certificates().enroll(actor, context.pathParam("residentCode"), kind, key,
                    cardExpiresOn), clock.instant());
        }));
        router.get("/v1/certificates/:serial").handler(context -> respond(context, 200,
                actor -> CertificateJson.of(certificates().history(actor, serial(context)).certificate(), clock.instant())));
        router.get("/v1/certificates/:serial/history").handler(context -> respond(context, 200,
                actor -> CertificateJson.of(certificates().history(actor, serial(context)), clock.instant())));
        router.post("/v1/certificates/:serial/suspend").handler(context -> respond(context, 200,
                actor -> CertificateJson.of(certificates().suspend(actor, serial(context)), clock.instant())));
        router.post("/v1/certificates/:serial/resume").handler(context -> respond(context, 200,
                actor -> CertificateJson.of(certificates().resume(actor, serial(context)), clock.instant())));
        router.post("/v1/certificates/:serial/revoke").handler(context -> respond(context, 200, actor -> {
            JsonFields body = JsonFields.parse(context.body().buffer(), REVOKE_MEMBERS);
            return CertificateJson.of(certificates().revoke(actor, serial(context), reason(body.requiredString("reason"))),
                    clock.instant());
        }));
        router.post("/v1/certificates/:serial/renew").handler(context -> respond(context, 201, actor -> {
            JsonFields body = JsonFields.parse(context.body().buffer(), RENEW_MEMBERS);
            java.util.Optional<java.time.LocalDate> cardExpiresOn = body.optionalDate("cardExpiresOn");
            SubjectPublicKeyInfo key = CertificationRequests.publicKeyFromPem(body.requiredString("csr"));
            CertificateLifecycle.Renewal renewal = certificates().renew(actor, serial(context), key, cardExpiresOn);
            return new JsonObject()
                    .put("superseded", CertificateJson.of(renewal.superseded(), clock.instant()))
                    .put("successor", CertificateJson.of(renewal.successor(), clock.instant()));
        }));
        router.post("/v1/residents/:residentCode/phones").handler(context -> respond(context, 201, actor -> {
            JsonFields body = JsonFields.parse(context.body().buffer(), PHONE_MEMBERS);
            PhoneApplication application = SignedPhoneApplications.open(body.requiredBase64("application"));
            if (!application.residentCode().equals(context.pathParam("residentCode"))) {
                throw new RefusedException(Problem.INVALID_FIELD, "the application is for resident "
                        + application.residentCode() + ", not " + context.pathParam("residentCode"));
            }
            CertificateLifecycle.PhoneRegistration registration = certificates().registerPhone(actor, application);
            return new JsonObject()
                    .put("signing", CertificateJson.of(registration.signing(), clock.instant()))
                    .put("authentication", CertificateJson.of(registration.authentication(), clock.instant()))
                    .put("superseded", CertificateJson.summaries(registration.superseded()));
        }));
        router.put("/v1/residents/:residentCode/authentication-mode").handler(context -> respond(context, 200, actor -> {
            JsonFields body = JsonFields.parse(context.body().buffer(), MODE_MEMBERS);
            return CertificateJson.of(certificates().switchAuthenticationMode(actor, context.pathParam("residentCode"),
                    authenticationMode(body.requiredString("mode"))), clock.instant());
        }));
        router.get("/v1/certificates/:serial/links").handler(context -> respond(context, 200,
                actor -> LinksJson.of(certificates().links(actor, serial(context)))));
        router.get("/v1/ca/:ca/certificates").handler(context -> respond(context, 200, actor -> new JsonObject()
                .put("certificates", new JsonArray(authorities.all(caKind(context.pathParam("ca"))).stream()
                        .map(generation -> new JsonObject()
                                .put("generation", generation.number())
                                .put("certificate", CertificateJson.pem(encoded(generation))))
                        .toList()))));
        router.post("/v1/residents/:residentCode/consents").handler(context -> respond(context, 201, actor -> {
            JsonFields body = JsonFields.parse(context.body().buffer(), CONSENT_MEMBERS);
            String residentCode = context.pathParam("residentCode");
            return ConsentJson.of(body.value("document") != null
                    ? services.consents().recordDocument(actor, residentCode, body.requiredBase64("document"))
                    : services.consents().record(actor, residentCode, body.requiredString("verifier"),
                            body.requiredString("purpose"), body.optionalInstant("expiresAt")
                                    .orElseThrow(() -> JsonFields.invalid("expiresAt", "is required"))));
        }));
        router.post("/v1/consents/:consentId/withdraw").handler(context -> respond(context, 200,
                actor -> ConsentJson.of(services.consents().withdraw(actor, context.pathParam("consentId")))));
        router.put("/v1/residents/:residentCode/address-protection").handler(context -> respond(context, 200, actor -> {
            JsonFields body = JsonFields.parse(context.body().buffer(), PROTECTION_MEMBERS);
            if (!(body.value("protected") instanceof Boolean)) {
                throw JsonFields.invalid("protected", "must be true or false");
            }
            return new JsonObject().put("residentCode", context.pathParam("residentCode"))
                    .put("protected", services.consents().protectAddress(actor, context.pathParam("residentCode"),
                            body.optionalBoolean("protected", false)));
        }));
        router.errorHandler(404, context -> refuse(context, Problem.NOT_FOUND,
                "no such resource: " + context.request().path()));
        router.errorHandler(405, context -> refuse(context, Problem.METHOD_NOT_ALLOWED,
                context.request().method() + " is not allowed on " + context.request().path()));
        router.route().failureHandler(this::failure);
    }

    private void putResident(RoutingContext context) {
        Timer.Sample sample = Timer.start(meters);
        actorThen(context, actor -> vertx.executeBlocking(() -> services.residents()
                        .put(actor, ResidentJson.parse(context.pathParam("residentCode"), context.body().buffer())), false)
                .onSuccess(update -> {
                    record(sample, context, update.created() ? 201 : 200);
                    json(context, update.created() ? 201 : 200, ResidentJson.of(update));
                })
                .onFailure(error -> fail(context, sample, error)));
    }

    private void respond(RoutingContext context, int status, Function<Actor, JsonObject> work) {
        Timer.Sample sample = Timer.start(meters);
        actorThen(context, actor -> vertx.executeBlocking((Callable<JsonObject>) () -> work.apply(actor), false)
                .onSuccess(body -> {
                    record(sample, context, status);
                    json(context, status, body);
                })
                .onFailure(error -> fail(context, sample, error)));
    }

    private void actorThen(RoutingContext context, java.util.function.Consumer<Actor> next) {
        Actor actor;
        try {
            actor = MunicipalIdentity.of(context.request().connection());
        } catch (RefusedException refusal) {
            refuse(context, refusal.problem(), refusal.detail());
            return;
        }
        next.accept(actor);
    }

    /** Bodies are JSON; a body of any other type is refused before it is read. */
    private void requireJsonBody(RoutingContext context) {
        RouteFailures.requireJsonBody(context, this::refuse);
    }

    /** Sends a refusal and counts it, whichever stage of the request it comes from. */
    private void refuse(RoutingContext context, Problem problem, String detail) {
        meters.counter("shomei.municipal.refusals", "code", problem.code()).increment();
        Problems.send(context, problem, detail);
    }

    private void fail(RoutingContext context, Timer.Sample sample, Throwable error) {
        int status = error instanceof RefusedException refusal ? refusal.problem().httpStatus()
                : RouteFailures.causedBy(error, KeySourceException.class) || RouteFailures.isStoreFailure(error) ? 503 : 500;
        record(sample, context, status);
        context.fail(error);
    }

    private void failure(RoutingContext context) {
        RouteFailures.answer(context, MAX_BODY_BYTES, LOG, this::refuse);
    }

    private void record(Timer.Sample sample, RoutingContext context, int status) {
        String route = context.currentRoute() == null ? "unknown" : String.valueOf(context.currentRoute().getPath());
        sample.stop(meters.timer("shomei.municipal.requests", "method", context.request().method().name(),
                "route", route, "status", Integer.toString(status)));
    }

    private static void json(RoutingContext context, int status, JsonObject body) {
        context.response().setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store")
                .end(body.encode());
    }

    private CertificateLifecycle certificates() {
        return services.certificates();
    }

    private static BigInteger serial(RoutingContext context) {
        return Serials.parseHex(context.pathParam("serial"));
    }

    private static CaKind caKind(String name) {
        try {
            return CaKind.fromPathName(name);
        } catch (IllegalArgumentException e) {
            throw JsonFields.invalid("ca", "must be 'sign' or 'auth'");
        }
    }

    private static AuthenticationMode authenticationMode(String name) {
        try {
            return AuthenticationMode.fromLabel(name);
        } catch (IllegalArgumentException e) {
            throw JsonFields.invalid("mode", "must be 'pin' or 'face'");
        }
    }

    private static RevocationReason reason(String name) {
        try {
            return RevocationReason.fromRfcName(name);
        } catch (IllegalArgumentException e) {
            throw JsonFields.invalid("reason", "must be one of unspecified, keyCompromise, affiliationChanged, "
                    + "superseded, cessationOfOperation, privilegeWithdrawn (suspend for certificateHold)");
        }
    }

    private static byte[] encoded(CertificateAuthorities.CaGeneration generation) {
        try {
            return generation.authority().certificate().getEncoded();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
