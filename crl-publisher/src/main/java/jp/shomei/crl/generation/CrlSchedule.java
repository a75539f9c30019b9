package jp.shomei.crl.generation;

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

    private final CrlPublisher publisher;
    private final CrlScopes scopes;
    private final CrlPolicy policy;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService workers;
    private final Set<CaKind> changedKinds = EnumSet.noneOf(CaKind.class);
    private final AtomicBoolean promptRoundPending = new AtomicBoolean();

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
                running.add(workers.submit(() -> publisher.publishFull(scope)));
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

    @Override
    public void close() {
        scheduler.shutdownNow();
        workers.shutdownNow();
        try {
            scheduler.awaitTermination(30, TimeUnit.SECONDS);
            workers.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A failed round is logged and retried at the next tick; an exception would cancel the schedule. */
    private static Runnable guarded(String what, Runnable round) {
        return () -> {
            try {
                round.run();
            } catch (RuntimeException e) {
                LOG.error("CRL publication: {} failed (will retry on schedule)", what, e);
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
