package jp.shomei.crl.publication;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.crl.content.CrlScope;

/**
 * Serves the published CRLs at {@code /crl/<ca>/<id>.crl} and {@code /crl/<ca>/<id>.delta.crl}. Names are
 * matched against the known forms and looked up among the published CRLs; no part of the request
 * ever becomes a file path, so path tricks meet a 404 like any unknown name.
 *
 * <p>Caches may keep a CRL until its nextUpdate, when the next one is due.
 */
public final class CrlRoutes {

    private static final Pattern FILE = Pattern.compile("([0-9a-z]{2,6})(\\.delta)?\\.crl");
    private static final String PKIX_CRL = "application/pkix-crl";

    private final CrlDirectory directory;
    private final Clock clock;

    public CrlRoutes(CrlDirectory directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
    }

    public void mount(Router router) {
        router.route(HttpMethod.GET, "/crl/:ca/:file").handler(this::serve);
        router.route(HttpMethod.HEAD, "/crl/:ca/:file").handler(this::serve);
    }

    private void serve(RoutingContext context) {
        Optional<PublishedCrl> found = find(context.pathParam("ca"), context.pathParam("file"));
        HttpServerResponse response = context.response();
        if (found.isEmpty()) {
            response.setStatusCode(404).putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
                    .end("no such CRL\n");
            return;
        }
        PublishedCrl crl = found.get();
        long maxAge = Math.max(0, Duration.between(clock.instant(), crl.nextUpdate()).toSeconds());
        response.putHeader(HttpHeaders.ETAG, crl.etag())
                .putHeader(HttpHeaders.LAST_MODIFIED, httpDate(crl.thisUpdate()))
                .putHeader(HttpHeaders.EXPIRES, httpDate(crl.nextUpdate()))
                .putHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=" + maxAge + ", no-transform");
        String ifNoneMatch = context.request().getHeader(HttpHeaders.IF_NONE_MATCH);
        if (ifNoneMatch != null && (ifNoneMatch.contains(crl.etag()) || ifNoneMatch.strip().equals("*"))) {
            response.setStatusCode(304).end();
            return;
        }
        response.putHeader(HttpHeaders.CONTENT_TYPE, PKIX_CRL);
        if (context.request().method() == HttpMethod.HEAD) {
            response.putHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(crl.size().bytes())).end();
            return;
        }
        response.sendFile(crl.file().toString());
    }

    private Optional<PublishedCrl> find(String ca, String file) {
        CaKind kind;
        try {
            kind = CaKind.fromPathName(ca);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        Matcher matcher = FILE.matcher(file == null ? "" : file);
        if (!matcher.matches() || !CrlScope.isScopeId(matcher.group(1))) {
            return Optional.empty();
        }
        return directory.current(kind, file);
    }

    private static String httpDate(java.time.Instant instant) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.atOffset(ZoneOffset.UTC));
    }
}
