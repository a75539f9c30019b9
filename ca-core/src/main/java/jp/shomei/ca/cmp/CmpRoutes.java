package jp.shomei.ca.cmp;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Locale;
import jp.shomei.ca.Problem;
import jp.shomei.ca.api.MunicipalRateLimit;
import jp.shomei.ca.api.Problems;
import jp.shomei.ca.authority.CaKind;

/**
 * CMP over HTTP (RFC 6712) at the RFC 9483 §3.3 well-known paths, one per CA:
 * {@code POST /.well-known/cmp/p/sign} and {@code POST /.well-known/cmp/p/auth}. Requests and
 * responses are {@code application/pkixcmp}. What HTTP itself gets wrong (method, media type, size,
 * unknown CA) is answered with an HTTP error and a problem body; everything else with a signed
 * PKIMessage.
 */
public final class CmpRoutes {

    public static final String CONTENT_TYPE = "application/pkixcmp";
    /** A PKIMessage with a request, a few certificates and a signature fits many times over. */
    static final long MAX_BODY_BYTES = 64 * 1024;

    private final Vertx vertx;
    private final CmpService service;
    private final MeterRegistry meters;

    public CmpRoutes(Vertx vertx, CmpService service, MeterRegistry meters) {
        this.vertx = vertx;
        this.service = service;
        this.meters = meters;
    }

    public void mount(Router router) {
        router.route("/.well-known/cmp/*").handler(this::requireCmpPost);
        router.post("/.well-known/cmp/p/:ca").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
        router.post("/.well-known/cmp/p/:ca").handler(this::handle);
    }

    private void requireCmpPost(RoutingContext context) {
        if (!"POST".equals(context.request().method().name())) {
            context.response().putHeader("Allow", "POST");
            refuse(context, Problem.METHOD_NOT_ALLOWED, "CMP requests are sent with POST");
            return;
        }
        String contentType = context.request().getHeader("Content-Type");
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith(CONTENT_TYPE)) {
            refuse(context, Problem.UNSUPPORTED_MEDIA_TYPE, "CMP request bodies must be " + CONTENT_TYPE);
            return;
        }
        context.next();
    }

    private void handle(RoutingContext context) {
        CaKind kind;
        try {
            kind = CaKind.fromPathName(context.pathParam("ca"));
        } catch (IllegalArgumentException e) {
            refuse(context, Problem.NOT_FOUND, "no CMP endpoint " + context.request().path()
                    + "; use /.well-known/cmp/p/sign or /.well-known/cmp/p/auth");
            return;
        }
        Timer.Sample sample = Timer.start(meters);
        byte[] request = context.body().buffer() == null ? new byte[0] : context.body().buffer().getBytes();
        boolean counted = MunicipalRateLimit.countedOnConnection(context);
        vertx.executeBlocking(() -> service.handle(kind, request, counted), false)
                .onSuccess(reply -> {
                    sample.stop(meters.timer("shomei.cmp.requests", "ca", kind.pathName(),
                            "status", Integer.toString(reply.httpStatus())));
                    context.response().setStatusCode(reply.httpStatus())
                            .putHeader("Content-Type", CONTENT_TYPE)
                            .putHeader("Cache-Control", "no-store")
                            .end(Buffer.buffer(reply.body()));
                })
                .onFailure(context::fail);
    }

    private void refuse(RoutingContext context, Problem problem, String detail) {
        meters.counter("shomei.cmp.refusals", "code", problem.code()).increment();
        Problems.send(context, problem, detail);
    }
}
