package jp.shomei.verifier.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import jp.shomei.ca.Problem;
import jp.shomei.ca.api.Problems;
import jp.shomei.ca.api.RouteFailures;
import jp.shomei.ca.authority.CertificateAuthorities;
import jp.shomei.ca.certificate.Serials;
import jp.shomei.ca.events.StatusChange;
import jp.shomei.ca.ratelimit.RateLimits;
import jp.shomei.ca.ratelimit.RequestRate;
import jp.shomei.ca.store.Store;
import jp.shomei.ca.verifier.Verifier;
import jp.shomei.verifier.access.VerifierIdentity;
import jp.shomei.verifier.disclosure.BasicFourDisclosure;
import jp.shomei.verifier.feed.Customers;
import jp.shomei.verifier.linkage.Linkage;
import jp.shomei.verifier.validation.CertificateInput;
import jp.shomei.verifier.validation.CertificateValidator;
import jp.shomei.verifier.validation.SignatureVerifier;
import jp.shomei.verifier.validation.TrustAnchors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The verifier REST API (docs/verifier-api.yaml). Every /v1 route runs as the registered verifier
 * named by the caller's client certificate, within its rate; the blocking work runs on worker threads.
 * It only reads the store, except for what the verifier itself owns: its customers, and the audit
 * record of each disclosure.
 */
public final class VerifierApi {

    public static final int MAX_BATCH = 1000;
    /** A full batch of PEM certificates with room to spare. */
    static final long MAX_BODY_BYTES = 8L * 1024 * 1024;
    private static final String VERIFIER = "verifier";
    private static final Logger LOG = LoggerFactory.getLogger(VerifierApi.class);

    private final Vertx vertx;
    private final MeterRegistry meters;
    private final VerifierIdentity identity;
    private final RateLimits rateLimits;
    private final CertificateValidator validator;
    private final SignatureVerifier signatures;
    private final Linkage linkage;
    private final Customers customers;
    private final BasicFourDisclosure disclosures;
    private final byte[] openApi;

    public VerifierApi(Vertx vertx, Store store, CertificateAuthorities authorities, Clock clock, MeterRegistry meters) {
        this.vertx = vertx;
        this.meters = meters;
        this.identity = new VerifierIdentity(store);
        this.rateLimits = new RateLimits(clock);
        this.validator = new CertificateValidator(new TrustAnchors(authorities), store, clock);
        this.signatures = new SignatureVerifier(validator);
        this.linkage = new Linkage(store);
        this.customers = new Customers(store, clock);
        this.disclosures = new BasicFourDisclosure(store, clock);
        this.openApi = openApiDocument();
    }

    public void mount(Router router) {
        router.get("/openapi.yaml").handler(context -> context.response()
                .putHeader("Content-Type", "application/yaml").end(Buffer.buffer(openApi)));
        router.route("/v1/*").handler(context -> RouteFailures.requireJsonBody(context, this::refuse));
        router.route("/v1/*").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
        router.route("/v1/*").handler(this::authenticate);
        router.post("/v1/validations").handler(context -> respond(context, 200, verifier -> {
            VerifierRequests.ValidationBody body = VerifierRequests.validation(context.body().buffer());
            return VerifierJson.of(validator.validate(verifier.verifierClass(), body.chain(), body.at()));
        }));
        router.post("/v1/validations/batch").handler(context -> respond(context, 200, verifier -> {
            VerifierRequests.BatchBody body = VerifierRequests.batch(context.body().buffer());
            JsonArray results = new JsonArray();
            for (String item : body.certificates()) {
                results.add(CertificateInput.parse(item)
                        .map(certificate -> VerifierJson.of(validator.validate(verifier.verifierClass(), List.of(certificate),
                                body.at())))
                        .orElseGet(VerifierApi::malformed));
            }
            return new JsonObject().put("results", results);
        }));
        router.post("/v1/signatures").handler(context -> respond(context, 200, verifier -> {
            VerifierRequests.SignatureBody body = VerifierRequests.signature(context.body().buffer());
            return VerifierJson.of(signatures.verify(verifier.verifierClass(), body.signedData(), body.content()));
        }));
        router.get("/v1/certificates/:serial/successors").handler(context -> respond(context, 200, verifier -> {
            Linkage.Chain chain = linkage.successorChain(verifier, serial(context));
            return new JsonObject().put("certificate", VerifierJson.summary(chain.certificate()))
                    .put("successors", new JsonArray(chain.successors().stream().map(step -> VerifierJson.summary(
                            step.successor()).put("succession", step.succession().kind().label())
                            .put("linkedAt", step.succession().linkedAt().toString())).toList()));
        }));
        router.get("/v1/certificates/:serial/authentication-certificates").handler(context -> respond(context, 200,
                verifier -> new JsonObject().put("signing", Serials.toHex(serial(context)))
                        .put("authenticationCertificates", VerifierJson.summaries(
                                linkage.authenticationCertificates(verifier, serial(context))))));
        router.get("/v1/certificates/:serial/basic-four").handler(context -> respond(context, 200,
                verifier -> VerifierJson.of(disclosures.disclose(verifier, serial(context)))));
        router.put("/v1/customers/:serial").handler(context -> respondWith(context, verifier -> {
            boolean created = customers.register(verifier, serial(context));
            return new Answer(created ? 201 : 200, VerifierJson.summary(customers.customer(verifier, serial(context))));
        }));
        router.get("/v1/customers/:serial").handler(context -> respond(context, 200,
                verifier -> VerifierJson.summary(customers.customer(verifier, serial(context)))));
        router.delete("/v1/customers/:serial").handler(context -> respondWith(context, verifier -> {
            customers.unregister(verifier, serial(context));
            return new Answer(204, null);
        }));
        router.get("/v1/feed").handler(context -> respond(context, 200, verifier -> {
            VerifierRequests.FeedPage page = VerifierRequests.feedPage(context.queryParams().get("after"),
                    context.queryParams().get("limit"));
            List<StatusChange> changes = customers.changesAfter(verifier, page.after(), page.limit());
            return new JsonObject()
                    .put("changes", new JsonArray(changes.stream().map(VerifierJson::of).toList()))
                    .put("next", changes.isEmpty() ? page.after() : changes.get(changes.size() - 1).sequence())
                    .put("more", changes.size() == page.limit());
        }));
        router.errorHandler(404, context -> refuse(context, Problem.NOT_FOUND, "no such resource: " + context.request().path()));
        router.errorHandler(405, context -> refuse(context, Problem.METHOD_NOT_ALLOWED,
                context.request().method() + " is not allowed on " + context.request().path()));
        router.route().failureHandler(context -> RouteFailures.answer(context, MAX_BODY_BYTES, LOG, this::refuse));
    }

    private record Answer(int status, JsonObject body) {
    }

    private void respond(RoutingContext context, int status, Function<Verifier, JsonObject> work) {
        respondWith(context, verifier -> new Answer(status, work.apply(verifier)));
    }

    private void respondWith(RoutingContext context, Function<Verifier, Answer> work) {
        Verifier verifier = context.get(VERIFIER);
        vertx.executeBlocking((Callable<Answer>) () -> work.apply(verifier), false)
                .onSuccess(answer -> {
                    meters.counter("shomei.verifier.requests", "verifier", verifier.id(),
                            "status", Integer.toString(answer.status())).increment();
                    context.response().setStatusCode(answer.status()).putHeader("Cache-Control", "no-store");
                    if (answer.body() == null) {
                        context.response().end();
                    } else {
                        context.response().putHeader("Content-Type", "application/json").end(answer.body().encode());
                    }
                })
                .onFailure(context::fail);
    }

    /** Finds the registered verifier behind the client certificate and takes one request from its rate. */
    private void authenticate(RoutingContext context) {
        vertx.executeBlocking(() -> identity.of(context.request().connection()), false)
                .onSuccess(verifier -> {
                    Optional<Duration> wait = rateLimits.take(verifier.id(), RequestRate.perSecond(verifier.requestsPerSecond()));
                    if (wait.isPresent()) {
                        long seconds = RateLimits.retryAfterSeconds(wait.get());
                        context.response().putHeader("Retry-After", Long.toString(seconds));
                        refuse(context, Problem.RATE_LIMITED, "verifier " + verifier.id() + " may make "
                                + verifier.requestsPerSecond() + " requests a second; retry after " + seconds + " s");
                        return;
                    }
                    context.put(VERIFIER, verifier);
                    context.next();
                })
                .onFailure(context::fail);
    }

    private static JsonObject malformed() {
        return new JsonObject().put("valid", false).put("reasons", new JsonArray().add(new JsonObject()
                .put("code", "malformed-certificate").put("detail", "not an X.509 certificate (PEM, or base64 of the DER)")));
    }

    private static BigInteger serial(RoutingContext context) {
        return Serials.parseHex(context.pathParam("serial"));
    }

    private void refuse(RoutingContext context, Problem problem, String detail) {
        meters.counter("shomei.verifier.refusals", "code", problem.code()).increment();
        Problems.send(context, problem, detail);
    }

    private static byte[] openApiDocument() {
        try (InputStream in = VerifierApi.class.getResourceAsStream("verifier-api.yaml")) {
            if (in == null) {
                throw new IllegalStateException("verifier-api.yaml is missing from the verifier-api jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
