package jp.shomei.ocsp.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.ocsp.response.SignedResponse;
import jp.shomei.ocsp.service.OcspService;

/**
 * The OCSP endpoints, one per CA: {@code POST /ocsp/<ca>} with an application/ocsp-request body, and
 * {@code GET /ocsp/<ca>/<url-encoded base64 request>} (RFC 6960 appendix A.1, RFC 5019 §5) whose
 * responses carry caching headers. HTTP-level faults (unknown CA, wrong content type, body too large,
 * broken URL encoding) get a 4xx; everything that reaches OCSP gets an OCSP response.
 */
public final class OcspRoutes {

    public static final String PREFIX = "/ocsp/";
    private static final String REQUEST_TYPE = "application/ocsp-request";
    private static final String RESPONSE_TYPE = "application/ocsp-response";

    private final OcspService service;
    private final int maxRequestBytes;
    private final Clock clock;

    public OcspRoutes(OcspService service, int maxRequestBytes, Clock clock) {
        this.service = service;
        this.maxRequestBytes = maxRequestBytes;
        this.clock = clock;
    }

    public void mount(Router router) {
        // Vert.x answers 415 to any other content type (and 413 to a body over the limit).
        router.post(PREFIX + ":ca")
                .consumes(REQUEST_TYPE)
                .handler(BodyHandler.create(false).setBodyLimit(maxRequestBytes))
                .handler(this::post)
                .failureHandler(OcspRoutes::failed);
        router.get(PREFIX + ":ca/*")
                .handler(this::get)
                .failureHandler(OcspRoutes::failed);
    }

    private void post(RoutingContext context) {
        Optional<CaKind> ca = caOf(context);
        if (ca.isEmpty()) {
            return;
        }
        byte[] body = context.body().buffer() == null ? new byte[0] : context.body().buffer().getBytes();
        service.answer(ca.get(), body).onSuccess(reply -> ocsp(context, reply.der(), Optional.empty()));
    }

    private void get(RoutingContext context) {
        Optional<CaKind> ca = caOf(context);
        if (ca.isEmpty()) {
            return;
        }
        String path = context.request().path();
        Optional<OcspService.Reply> held = service.heldForGet(ca.get(), path);
        if (held.isPresent()) {
            answerGet(context, held.get());
            return;
        }
        String encoded = path.substring(path.indexOf('/', PREFIX.length()) + 1);
        Optional<String> base64 = PercentDecoding.decode(encoded);
        if (base64.isEmpty()) {
            plain(context, 400, "the request in the URL is not validly percent-encoded\n");
            return;
        }
        service.answerGet(ca.get(), path, decodeBase64(base64.get())).onSuccess(reply -> answerGet(context, reply));
    }

    private void answerGet(RoutingContext context, OcspService.Reply reply) {
        String ifNoneMatch = context.request().getHeader(HttpHeaders.IF_NONE_MATCH);
        if (reply.cacheable().isPresent() && reply.cacheable().get().etag().equals(ifNoneMatch)) {
            cachingHeaders(context.response(), reply.cacheable().get());
            context.response().setStatusCode(304).end();
            return;
        }
        ocsp(context, reply.der(), reply.cacheable());
    }

    /** Not base64 is not a well-formed OCSP request: it is answered as one, like any other garbage. */
    private static byte[] decodeBase64(String text) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    private Optional<CaKind> caOf(RoutingContext context) {
        String name = context.pathParam("ca");
        for (CaKind kind : CaKind.values()) {
            if (kind.pathName().equals(name)) {
                return Optional.of(kind);
            }
        }
        plain(context, 404, "no OCSP responder here; the responders are " + PREFIX + "sign and " + PREFIX + "auth\n");
        return Optional.empty();
    }

    private void ocsp(RoutingContext context, byte[] der, Optional<SignedResponse> cacheable) {
        HttpServerResponse response = context.response();
        response.putHeader(HttpHeaders.CONTENT_TYPE, RESPONSE_TYPE);
        cacheable.ifPresent(signed -> cachingHeaders(response, signed));
        response.end(Buffer.buffer(der));
    }

    /** RFC 5019 §6.2: a cache may keep the response until nextUpdate and no longer. */
    private void cachingHeaders(HttpServerResponse response, SignedResponse signed) {
        long maxAge = Math.max(0, Duration.between(clock.instant(), signed.nextUpdate()).toSeconds());
        response.putHeader(HttpHeaders.CACHE_CONTROL, "max-age=" + maxAge + ", public, no-transform, must-revalidate")
                .putHeader(HttpHeaders.ETAG, signed.etag())
                .putHeader(HttpHeaders.LAST_MODIFIED, signed.lastModified())
                .putHeader(HttpHeaders.EXPIRES, signed.expires());
    }

    /** Keeps the 4xx a handler chose (413 from the body limit, 400 from a bad URL); anything else is our fault. */
    private static void failed(RoutingContext context) {
        int status = context.statusCode();
        if (status >= 400 && status < 500) {
            plain(context, status, "the OCSP request was refused (HTTP " + status + ")\n");
        } else {
            plain(context, 503, "the OCSP responder could not answer; try again\n");
        }
    }

    private static void plain(RoutingContext context, int status, String text) {
        if (context.response().ended()) {
            return;
        }
        context.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
                .end(text);
    }
}
