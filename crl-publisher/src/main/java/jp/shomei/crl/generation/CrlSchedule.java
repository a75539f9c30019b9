package jp.shomei.crl.generation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.ca.events.StatusChange;
import jp.shomei.crl.content.CrlScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When CRLs are issued: every full interval a complete CRL for every scope, followed by fresh deltas;
 * every delta interval a delta for every scope, so none outlives its nextUpdate; and, as soon as a
 * status change arrives from the feed, deltas for the partitions it touched.
 *
 * <p>All rounds run one after another on one scheduler thread, so a delta never races the full CRL
 * it builds on; a full round spreads its scopes over {@link CrlPolicy#workers()} threads.
 */
public final class CrlSchedule implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CrlSchedule.class);
    /** Longer than writing the CRLs in progress takes; a shutdown waits at most this for them. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

    private final CrlPublisher publisher;
    private final CrlScopes scopes;
    private final CrlPolicy policy;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService workers;
    private final Set<CaKind> changedKinds = EnumSet.noneOf(CaKind.class);
    private final AtomicBoolean promptRoundPending = new AtomicBoolean();
    /** Set by {@link #close()}: work not yet begun is skipped, CRLs being written are finished. */
    private volatile boolean closing;

    public CrlSchedule(CrlPublisher publisher, CrlScopes scopes, CrlPolicy policy) {
        this.publisher = publisher;
        this.scopes = scopes;
        this.policy = policy;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon("crl-schedule"));
        this.workers = Executors.newFixedThreadPool(policy.workers(), daemon("crl-worker"));
    }

    /** Publishes every CRL now, then keeps to the schedule. */
    public void start() {
        scheduler.scheduleAtFixedRate(guarded("full CRL round", this::fullRound), 0,
                policy.fullInterval().toMillis(), TimeUnit.MILLISECONDS);
        scheduler.scheduleAtFixedRate(guarded("delta CRL round", () -> deltaRound(false)),
                policy.deltaInterval().toMillis(), policy.deltaInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A status-change feed subscriber: asks for prompt deltas without blocking the feed. */
    public void onStatusChange(StatusChange change) {
        synchronized (changedKinds) {
            changedKinds.add(change.caKind());
        }
        if (promptRoundPending.compareAndSet(false, true)) {
            scheduler.execute(guarded("prompt delta CRLs", () -> {
                promptRoundPending.set(false);
                deltaRound(true);
            }));
        }
    }

    /** Complete CRLs for every scope of both CAs, then deltas against them. */
    public void fullRound() {
        List<Future<?>> running = new ArrayList<>();
        for (CaKind kind : CaKind.values()) {
            for (CrlScope scope : scopes.of(kind)) {
                running.add(workers.submit(() -> {
                    if (!closing) {
                        publisher.publishFull(scope);
                    }
                }));
            }
        }
        RuntimeException failure = null;
        for (Future<?> future : running) {
            try {
                future.get();
            } catch (ExecutionException e) {
                failure = failure == null ? new IllegalStateException("a full CRL failed: " + e.getCause().getMessage(), e.getCause()) : failure;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted during a full CRL round", e);
            }
        }
        deltaRound(false);
        if (failure != null) {
            throw failure;
        }
    }

    /** Deltas for both CAs; with {@code onlyChanged}, only where status changed since the last delta. */
    public void deltaRound(boolean onlyChanged) {
        if (closing) {
            return;
        }
        Set<CaKind> kinds;
        synchronized (changedKinds) {
            kinds = onlyChanged ? EnumSet.copyOf(changedKinds.isEmpty() ? EnumSet.allOf(CaKind.class) : changedKinds)
                    : EnumSet.allOf(CaKind.class);
            changedKinds.clear();
        }
        for (CaKind kind : kinds) {
            publisher.publishDeltas(kind, scopes.of(kind), onlyChanged);
        }
    }

    /**
     * Starts no further round and lets the CRLs being written finish, so that the store can close
     * afterwards; the CRLs published before stay served. Threads are interrupted only when that takes
     * longer than {@link #CLOSE_WAIT}: an interrupt fails the database read or file write in progress.
     */
    @Override
    public void close() {
        closing = true;
        scheduler.shutdown();
        workers.shutdown();
        try {
            if (!scheduler.awaitTermination(CLOSE_WAIT.toSeconds(), TimeUnit.SECONDS)
                    || !workers.awaitTermination(CLOSE_WAIT.toSeconds(), TimeUnit.SECONDS)) {
                LOG.warn("CRL publication still busy {} after shutdown began; interrupting it", CLOSE_WAIT);
                scheduler.shutdownNow();
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A failed round is logged and retried at the next tick; an exception would cancel the schedule. A
     * round cut short by {@link #close()} is no failure.
     */
    private Runnable guarded(String what, Runnable round) {
        return () -> {
            try {
                round.run();
            } catch (RuntimeException e) {
                if (closing) {
                    LOG.info("CRL publication: {} ended by shutdown: {}", what, e.getMessage());
                } else {
                    LOG.error("CRL publication: {} failed (will retry on schedule)", what, e);
                }
            }
        };
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
