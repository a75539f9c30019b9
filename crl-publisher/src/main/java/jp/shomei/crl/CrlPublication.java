package jp.shomei.crl;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import jp.shomei.ca.authority.CertificateAuthorities;
import jp.shomei.ca.feed.StatusChangeFeed;
import jp.shomei.ca.profile.CrlBaseUrl;
import jp.shomei.ca.store.Store;
import jp.shomei.crl.generation.CrlPolicy;
import jp.shomei.crl.generation.CrlPublisher;
import jp.shomei.crl.generation.CrlSchedule;
import jp.shomei.crl.generation.CrlScopes;
import jp.shomei.crl.publication.CrlDirectory;
import jp.shomei.crl.publication.CrlRoutes;

/**
 * The CRL publisher as the application runs it: every CRL published at start, then on schedule and
 * promptly after each status change, served from {@code /crl/...} of the router it is mounted on.
 */
public final class CrlPublication implements AutoCloseable {

    /** Short, because this is what stands between a revocation and the delta CRL that shows it. */
    private static final Duration FEED_POLL_INTERVAL = Duration.ofMillis(250);

    private final CrlDirectory directory;
    private final CrlSchedule schedule;
    private final StatusChangeFeed feed;
    private final Clock clock;

    private CrlPublication(CrlDirectory directory, CrlSchedule schedule, StatusChangeFeed feed, Clock clock) {
        this.directory = directory;
        this.schedule = schedule;
        this.feed = feed;
        this.clock = clock;
    }

    /** Starts publishing into {@code directory}; the first full round runs in the background. */
    public static CrlPublication start(Store store, CertificateAuthorities authorities, CrlBaseUrl baseUrl,
                                       Path directory, CrlPolicy policy, Clock clock, MeterRegistry meters) {
        CrlDirectory published = new CrlDirectory(directory, policy.keptGenerations());
        CrlSchedule schedule = new CrlSchedule(new CrlPublisher(store, authorities, published, policy, clock, meters),
                new CrlScopes(store, authorities, baseUrl), policy);
        StatusChangeFeed feed = new StatusChangeFeed(store, store.read(tx -> tx.latestStatusSequence()), FEED_POLL_INTERVAL);
        feed.subscribe(schedule::onStatusChange);
        schedule.start();
        feed.start();
        FunctionCounter.builder("shomei.crl.publication.failures", published, CrlDirectory::failures)
                .description("CRL publications that failed (disk full, I/O errors); the previous CRL stays served")
                .register(meters);
        return new CrlPublication(published, schedule, feed, clock);
    }

    /**
     * Why publication is failing, for health checks: present while the newest attempt at some CRL
     * failed, so that relying parties are being served an older CRL than intended. Names files and
     * errors, never secrets.
     */
    public Optional<String> unhealthyReason() {
        Map<String, String> failing = directory.failing();
        return failing.entrySet().stream().sorted(Map.Entry.comparingByKey()).findFirst()
                .map(first -> failing.size() + " CRL file(s) could not be published, " + first.getKey() + ": "
                        + first.getValue());
    }

    public void mount(Router router) {
        new CrlRoutes(directory, clock).mount(router);
    }

    @Override
    public void close() {
        feed.close();
        schedule.close();
    }
}
