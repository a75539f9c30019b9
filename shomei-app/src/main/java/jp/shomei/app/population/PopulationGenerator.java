package jp.shomei.app.population;

import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import jp.shomei.ca.authority.CertificateAuthorities;
import jp.shomei.ca.lifecycle.CaServices;
import jp.shomei.ca.profile.CrlBaseUrl;
import jp.shomei.ca.resident.Municipality;
import jp.shomei.ca.store.Store;

/**
 * Fills a store with a synthetic population (see {@link ResidentLife}) on several workers at once.
 * Residents are handed out in batches of consecutive numbers, and a worker lives a batch's residents
 * in one transaction: every event still goes through the ordinary services, whose own transactions
 * join the batch's, so the store holds what they write, committed once per batch instead of once per
 * event.
 *
 * <p>A batch is therefore stored whole or not at all. Resuming skips the batches whose last resident
 * is registered and lives every other one from its start, so running the same plan again continues
 * where a stopped run left off and ends with the same population.
 *
 * <p>A batch's status events and audit entries are numbered from the gap-free counters when its work
 * is done, as in any write transaction, so workers wait on each other only for the numbering and the
 * commit. A batch whose transaction the database gives up (a deadlock victim, or H2's lock timeout)
 * is tried again whole.
 */
public final class PopulationGenerator {

    private static final int MAX_ATTEMPTS = 1_000;

    /** Told about the generator's progress, from one worker at a time; the default methods ignore it. */
    public interface Progress {

        /** Before the first resident of this run: how many residents earlier runs stored. */
        default void starting(PopulationPlan plan, long residentsAlreadyStored) {
        }

        /** After a batch was committed: how many residents are stored, what this run added. */
        default void batchStored(long residentsDone, GenerationTally thisRunSoFar) {
        }
    }

    private final Store store;
    private final CertificateAuthorities authorities;
    private final CrlBaseUrl crlBaseUrl;
    private final BooleanSupplier stopRequested;
    private final BooleanSupplier pauseRequested;

    /**
     * @param stopRequested asked before every event: once it answers true, every worker stops there, its
     *     batch rolled back, and {@link #generate} returns what the committed batches added
     * @param pauseRequested asked before every batch: once it answers true, no worker takes another batch, and
     *     {@link #generate} returns when the batches in progress are stored
     */
    public PopulationGenerator(Store store, CertificateAuthorities authorities, CrlBaseUrl crlBaseUrl,
                               BooleanSupplier stopRequested, BooleanSupplier pauseRequested) {
        this.store = store;
        this.authorities = authorities;
        this.crlBaseUrl = crlBaseUrl;
        this.stopRequested = stopRequested;
        this.pauseRequested = pauseRequested;
    }

    /**
     * Generates the plan's population, or what of it is not stored yet, on this many workers, until it is
     * complete or a pause is requested; returns what this run added. If a worker fails (or the progress
     * throws), the others stop at their next event, their batches rolled back, and the first failure is thrown.
     */
    public GenerationTally generate(PopulationPlan plan, int workers, Progress progress) {
        if (workers < 1) {
            throw new IllegalArgumentException("at least one worker is needed, not " + workers);
        }
        NationalMunicipalities municipalities = completeMunicipalities();
        List<Long> batches = unstoredBatches(plan);
        long stored = plan.residents() - batches.stream().mapToLong(b -> batchSize(plan, b)).sum();
        progress.starting(plan, stored);
        Coordination coordination = new Coordination(progress, stored, stopRequested);
        AtomicInteger next = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            SimulationClock clock = new SimulationClock(plan.startsAt());
            CaServices services = CaServices.create(store, authorities, crlBaseUrl, clock, new SecureRandom());
            ResidentLife life = new ResidentLife(services, clock, municipalities, plan, coordination::checkGoingOn);
            Thread thread = new Thread(() -> {
                try {
                    for (int i = next.getAndIncrement(); i < batches.size() && !pauseRequested.getAsBoolean();
                         i = next.getAndIncrement()) {
                        long batch = batches.get(i);
                        coordination.add(liveBatch(plan, batch, life), batchSize(plan, batch));
                    }
                } catch (RuntimeException | Error e) {
                    coordination.fail(e);
                }
            }, "population-" + w);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                coordination.fail(e);
                Thread.currentThread().interrupt();
            }
        }
        return coordination.result();
    }

    /** The batch's lives in one transaction, tried again while the database chooses it as the one to give up. */
    private GenerationTally liveBatch(PopulationPlan plan, long batch, ResidentLife life) {
        long from = batch * plan.batchSize();
        long to = from + batchSize(plan, batch);
        GenerationTally retried = GenerationTally.NONE;
        for (int attempt = 1; ; attempt++) {
            try {
                GenerationTally lived = store.write(tx -> {
                    GenerationTally tally = GenerationTally.NONE;
                    for (long number = from; number < to; number++) {
                        tally = tally.plus(life.live(number));
                    }
                    return tally;
                });
                return lived.plus(retried);
            } catch (RuntimeException e) {
                if (attempt == MAX_ATTEMPTS || !isGivenUpByTheDatabase(e)) {
                    throw e;
                }
                retried = retried.plus(new GenerationTally(0, 0, 0, 0, 0, 0, 0, 0, 1));
            }
        }
    }

    private static long batchSize(PopulationPlan plan, long batch) {
        return Math.min(plan.residents(), (batch + 1) * plan.batchSize()) - batch * plan.batchSize();
    }

    /** The batches earlier runs did not store: a batch is committed whole, so its last resident tells. */
    private List<Long> unstoredBatches(PopulationPlan plan) {
        List<Long> batches = new ArrayList<>();
        for (long batch = 0; batch < plan.batches(); batch++) {
            String last = ResidentLife.residentCode(batch * plan.batchSize() + batchSize(plan, batch) - 1);
            if (store.read(tx -> tx.resident(last)).isEmpty()) {
                batches.add(batch);
            }
        }
        return batches;
    }

    /** The 1,741 municipalities, inserting those the store does not know yet. */
    private NationalMunicipalities completeMunicipalities() {
        List<Municipality> known = store.read(tx -> tx.municipalities());
        NationalMunicipalities national = NationalMunicipalities.completing(known);
        Set<String> knownCodes = new HashSet<>();
        known.forEach(municipality -> knownCodes.add(municipality.code()));
        store.write(tx -> {
            national.all().stream().filter(m -> !knownCodes.contains(m.code())).forEach(tx::insertMunicipality);
            return null;
        });
        return national;
    }

    /** What the workers share: the tally, the count of residents done, the first failure and a stop request. */
    private static final class Coordination {

        private final Progress progress;
        private final BooleanSupplier stopRequested;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private GenerationTally tally = GenerationTally.NONE;
        private long residentsDone;

        Coordination(Progress progress, long residentsDone, BooleanSupplier stopRequested) {
            this.progress = progress;
            this.residentsDone = residentsDone;
            this.stopRequested = stopRequested;
        }

        synchronized void add(GenerationTally lived, long newlyDone) {
            tally = tally.plus(lived);
            residentsDone += newlyDone;
            progress.batchStored(residentsDone, tally);
        }

        void checkGoingOn() {
            if (failure.get() != null || stopRequested.getAsBoolean()) {
                throw new Stopped();
            }
        }

        void fail(Throwable cause) {
            if (!(cause instanceof Stopped)) {
                failure.compareAndSet(null, cause);
            }
        }

        synchronized GenerationTally result() {
            Throwable cause = failure.get();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            if (cause != null) {
                throw new IllegalStateException("population generation was interrupted", cause);
            }
            return tally;
        }
    }

    /**
     * Whether the transaction was rolled back because the database gave it up while it waited for a
     * lock: a deadlock victim (SQLSTATE class 40: H2 40001, PostgreSQL 40P01) or H2's lock timeout (HYT00).
     */
    private static boolean isGivenUpByTheDatabase(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("40") || sql.getSQLState().equals("HYT00"))) {
                return true;
            }
        }
        return false;
    }

    /** Thrown in a worker when another one failed or a stop was requested: it stops before its next event, rolling back its batch. */
    private static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stopped() {
            super("stopped because another worker failed or a stop was requested", null, false, false);
        }
    }
}
