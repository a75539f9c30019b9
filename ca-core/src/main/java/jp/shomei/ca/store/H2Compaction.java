package jp.shomei.ca.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the embedded H2 file from growing without bound. Every commit writes a new chunk of
 * copy-on-write pages; a chunk whose pages were all superseded is reused after H2's retention time,
 * but a chunk that still holds one live page stays forever unless that page is rewritten elsewhere.
 * H2 does this rewriting only in its background writer, which does not run with WRITE_DELAY=0, the
 * setting that writes every commit to the file before it returns (DatabaseConfig.embedded). This
 * class does it instead, on its own daemon thread at a fixed interval, a bounded amount at a time. Each
 * pass also forces the file to disk, which lets H2 reuse dead chunks sooner ({@link #RETENTION}) and puts
 * every commit on disk within about a second.
 *
 * <p>Only the process that opened the file compacts it: a second process that reaches the database
 * through AUTO_SERVER holds a remote session and leaves the file alone.
 */
final class H2Compaction implements AutoCloseable {

    /** How often a pass runs in a running store: often enough that the rewrites of one pass stay small. */
    static final Duration INTERVAL = Duration.ofSeconds(1);
    /**
     * A pass does nothing while at least this share of the chunks' bytes is live; H2's own background
     * writer uses the same figure (its autoCompactFillRate).
     */
    static final int TARGET_FILL_RATE = 90;
    /**
     * The most live data one pass rewrites. One pass a second keeps up with sustained issuance and with
     * the population generator's bulk writes (BENCHMARKS.md, "The embedded file under bulk generation");
     * the bound keeps a pass, and the time it holds H2's store lock while commits wait, short when a large
     * backlog of chunks awaits.
     */
    static final int MAX_REWRITE_BYTES = 16 * 1024 * 1024;
    /**
     * How long H2 keeps a dead chunk before it may write over it. H2's default, 45 s, is its guess at how
     * long the operating system takes to write a file's changes to disk: a chunk must not be overwritten
     * before the chunks that replaced it are on disk, or a power cut leaves a file that cannot be opened.
     * Each pass forces the file to disk, so the chunks that replaced a dead one are on disk within about
     * one interval; ten leave room for a pass held up by a collection or a busy machine. At the
     * population generator's 40 MB/s of chunks, H2's 45 s alone kept 1.8 GB of dead chunks in the file
     * (BENCHMARKS.md, "The embedded file under bulk generation").
     */
    static final Duration RETENTION = INTERVAL.multipliedBy(10);
    /** A pass takes well under this; one still running after it is left to the JVM's exit. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(H2Compaction.class);

    private final DataSource dataSource;
    private final ScheduledExecutorService scheduler;
    private final AtomicBoolean failureReported = new AtomicBoolean();

    /** Starts compacting the database behind the data source every interval. */
    H2Compaction(DataSource dataSource, Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("compaction interval must be positive, got " + interval);
        }
        this.dataSource = dataSource;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "h2-compaction");
            thread.setDaemon(true);
            return thread;
        });
        shortenRetention();
        scheduler.scheduleWithFixedDelay(this::runOnce, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * One pass: forces the file to disk, then rewrites the live pages of up to {@link #MAX_REWRITE_BYTES}
     * of the emptiest chunks older than H2's retention time and commits, so that the chunks they leave
     * empty are reused once that time has passed again. A failure is reported once per store; the next
     * pass tries again.
     */
    void runOnce() {
        try (Connection connection = dataSource.getConnection()) {
            Optional<MVStore> file = ownedFile(connection);
            if (file.isPresent()) {
                MVStore store = file.get();
                store.sync();
                if (store.compact(TARGET_FILL_RATE, MAX_REWRITE_BYTES)) {
                    store.commit();
                }
            }
        } catch (SQLException | RuntimeException e) {
            if (failureReported.compareAndSet(false, true)) {
                LOG.warn("Compaction of the embedded database failed; the next pass tries again, "
                        + "and further failures are logged at debug level only: {}", e.toString());
            } else {
                LOG.debug("Compaction of the embedded database failed again: {}", e.toString());
            }
        }
    }

    /** Sets H2's retention of dead chunks to {@link #RETENTION}, which the passes' forcing the file to disk allows. */
    private void shortenRetention() {
        try (Connection connection = dataSource.getConnection()) {
            ownedFile(connection).ifPresent(store -> store.setRetentionTime((int) RETENTION.toMillis()));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the embedded database to set its retention time", e);
        }
    }

    /** The MVStore of the database file when this process opened it, else empty. */
    private static Optional<MVStore> ownedFile(Connection connection) throws SQLException {
        if (!(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)
                || !session.getDatabase().isPersistent()) {
            return Optional.empty();
        }
        MVStore store = session.getDatabase().getStore().getMvStore();
        return store.getFileStore() == null ? Optional.empty() : Optional.of(store);
    }

    /** Stops the passes, waiting for one in progress, so the database can close after this returns. */
    @Override
    public void close() {
        // shutdown, not shutdownNow: an interrupt inside H2's store lock would fail the pass and H2 with it
        scheduler.shutdown();
        try {
            scheduler.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
