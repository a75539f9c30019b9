package jp.shomei.ocsp;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import jp.shomei.ca.authority.CertificateAuthorities;
import jp.shomei.ca.feed.StatusChangeFeed;
import jp.shomei.ca.profile.SerialNumbers;
import jp.shomei.ca.store.Store;
import jp.shomei.keys.KeySource;
import jp.shomei.ocsp.http.OcspRoutes;
import jp.shomei.ocsp.issuer.ServedIssuers;
import jp.shomei.ocsp.presigned.PresignedResponses;
import jp.shomei.ocsp.request.OcspRequestReader;
import jp.shomei.ocsp.response.ResponseSigner;
import jp.shomei.ocsp.service.OcspService;
import jp.shomei.ocsp.signer.OcspSignerCertificateFactory;
import jp.shomei.ocsp.signer.OcspSigners;
import jp.shomei.ocsp.status.StatusBook;
import jp.shomei.ocsp.status.StatusChangeApplier;
import jp.shomei.ocsp.status.StatusLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OCSP responder of one node: loads or issues the delegated signers, reads every certificate's
 * status, follows the status-change feed, and answers on the routes it mounts. Several nodes can run
 * against one database; they share signers and learn every change from the feed.
 */
public final class OcspResponder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OcspResponder.class);
    /** How often a node checks whether its signers are due for rollover (or another node rolled them). */
    private static final Duration SIGNER_CHECK = Duration.ofHours(1);

    private final Vertx vertx;
    private final OcspRoutes routes;
    private final StatusChangeFeed feed;
    private final PresignedResponses presigned;
    private final long signerTimer;

    private OcspResponder(Vertx vertx, OcspRoutes routes, StatusChangeFeed feed, PresignedResponses presigned,
                          long signerTimer) {
        this.vertx = vertx;
        this.routes = routes;
        this.feed = feed;
        this.presigned = presigned;
        this.signerTimer = signerTimer;
    }

    public static OcspResponder start(Vertx vertx, Store store, KeySource keys, CertificateAuthorities authorities,
                                      Clock clock, OcspSettings settings, MeterRegistry meters) {
        long started = System.nanoTime();
        ServedIssuers issuers = new ServedIssuers(authorities);
        OcspSigners signers = new OcspSigners(store, keys, issuers, new OcspSignerCertificateFactory(),
                new SerialNumbers(new SecureRandom()), clock, settings.signerValidity(), settings.signerRenewBefore());
        signers.refresh();
        StatusBook book = new StatusBook();
        long startAfter = new StatusLoader(store.dataSource()).loadInto(book);
        Gauge.builder("shomei.ocsp.known.certificates", book, StatusBook::size)
                .description("certificates whose status the OCSP responder holds").register(meters);
        ResponseSigner signer = new ResponseSigner(signers, clock, settings.responseValidity());
        PresignedResponses presigned = new PresignedResponses(book, signer, clock, settings.presignedCapacity(), meters);
        StatusChangeFeed feed = new StatusChangeFeed(store, startAfter, settings.feedPollInterval());
        feed.subscribe(new StatusChangeApplier(store, book, issuers, presigned));
        feed.catchUp();
        feed.start();
        long signerTimer = vertx.setPeriodic(SIGNER_CHECK.toMillis(), id -> vertx.executeBlocking(() -> {
            if (signers.refresh()) {
                presigned.resignAll();
            }
            return null;
        }, false).onFailure(e -> LOG.warn("OCSP signer check failed (will retry): {}", e.getMessage())));
        OcspService service = new OcspService(vertx, new OcspRequestReader(settings.maxCertificatesPerRequest()),
                issuers, book, presigned, signer, meters, settings.presignedCapacity());
        LOG.info("OCSP responder ready with {} certificates in {} ms", book.size(),
                Duration.ofNanos(System.nanoTime() - started).toMillis());
        return new OcspResponder(vertx, new OcspRoutes(service, settings.maxRequestBytes(), clock), feed, presigned,
                signerTimer);
    }

    /** Mounts {@code /ocsp/sign} and {@code /ocsp/auth} on the router. */
    public void mount(Router router) {
        routes.mount(router);
    }

    @Override
    public void close() {
        vertx.cancelTimer(signerTimer);
        feed.close();
        presigned.close();
    }
}
