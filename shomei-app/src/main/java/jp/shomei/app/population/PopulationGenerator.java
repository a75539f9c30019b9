package jp.shomei.app.population;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import jp.shomei.ca.authority.CertificateAuthorities;
import jp.shomei.ca.lifecycle.CaServices;
import jp.shomei.ca.profile.CrlBaseUrl;
import jp.shomei.ca.resident.Municipality;
import jp.shomei.ca.store.Store;

/**
 * Fills a store with a synthetic population (see {@link ResidentLife}) on several workers at once.
 * Residents are handed out in batches of consecutive numbers; a worker lives its batch's residents one
 * after another, each event of a life in its own transaction through the ordinary services, as
 * concurrent municipalities would send them. The gap-free status-event and audit counters are what
 * concurrent requests contend for; they keep their numbering because every transaction takes them
 * the way a request does.
 *
 * <p>Resuming: a batch whose last resident is registered was finished up to that resident's life; a
 * batch whose first resident is not was never begun; in any other batch the last registered resident
 * is resumed (see {@link ResidentLife#resume}) and the rest lived. Running the same plan again therefore
 * continues where a stopped run left off and ends with the same population.
 */
public final class PopulationGenerator {

    /** Told about the generator's progress, from one worker at a time; the default methods ignore it. */
    public interface Progress {

        /** Before the first resident of this run: how many residents earlier runs finished. */
        default void starting(PopulationPlan plan, long residentsAlreadyStored) {
        }

        /** After a resident's life was written to its end: how many residents are done, what this run added. */
        default void residentLived(long residentsDone, GenerationTally thisRunSoFar) {
        }
    }

    private enum BatchState { DONE, BEGUN, NEW }

    private record Batch(long number, BatchState state) {
    }

    private final Store store;
    private final CertificateAuthorities authorities;
    private final CrlBaseUrl crlBaseUrl;

    public PopulationGenerator(Store store, CertificateAuthorities authorities, CrlBaseUrl crlBaseUrl) {
        this.store = store;
        this.authorities = authorities;
        this.crlBaseUrl = crlBaseUrl;
    }

    /**
     * Generates the plan's population, or what of it is not stored yet, on this many workers; returns
     * what this run added. If a worker fails (or the progress throws), the others stop before their
     * next transaction and the first failure is thrown.
     */
    public GenerationTally generate(PopulationPlan plan, int workers, Progress progress) {
        if (workers < 1) {
            throw new IllegalArgumentException("at least one worker is needed, not " + workers);
        }
        NationalMunicipalities municipalities = completeMunicipalities();
        List<Batch> batches = batches(plan);
        long finished = batches.stream().filter(b -> b.state() == BatchState.DONE)
                .mapToLong(b -> batchEnd(plan, b.number()) - b.number() * plan.batchSize()).sum();
        progress.starting(plan, finished);
        Coordination coordination = new Coordination(progress, finished);
        AtomicInteger next = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            SimulationClock clock = new SimulationClock(plan.startsAt());
            CaServices services = CaServices.create(store, authorities, crlBaseUrl, clock, new SecureRandom());
            ResidentLife life = new ResidentLife(store, services, clock, municipalities, plan, coordination::checkGoingOn);
            Thread thread = new Thread(() -> {
                try {
                    for (int i = next.getAndIncrement(); i < batches.size(); i = next.getAndIncrement()) {
                        liveBatch(plan, batches.get(i), life, coordination);
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

    private void liveBatch(PopulationPlan plan, Batch batch, ResidentLife life, Coordination coordination) {
        long from = batch.number() * plan.batchSize();
        long to = batchEnd(plan, batch.number());
        if (batch.state() == BatchState.DONE) {
            // Only its last resident may have been stopped within its life.
            coordination.add(life.resume(to - 1), 0);
            return;
        }
        long firstNew = batch.state() == BatchState.NEW ? from : firstUnregistered(from, to);
        if (firstNew > from) {
            // The residents before it were lived to their end; the last of them may have been stopped.
            coordination.add(life.resume(firstNew - 1), firstNew - from);
        }
        for (long number = firstNew; number < to; number++) {
            coordination.add(life.live(number), 1);
        }
    }

    /** A worker lives a batch's residents in order, so the registered ones are a prefix: where it ends. */
    private long firstUnregistered(long from, long to) {
        long low = from;
        long high = to;
        while (low < high) {
            long middle = (low + high) >>> 1;
            String code = ResidentLife.residentCode(middle);
            if (store.read(tx -> tx.resident(code)).isPresent()) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    private static long batchEnd(PopulationPlan plan, long batch) {
        return Math.min(plan.residents(), (batch + 1) * plan.batchSize());
    }

    /** Every batch of the plan with what earlier runs stored of it. */
    private List<Batch> batches(PopulationPlan plan) {
        List<Batch> batches = new ArrayList<>();
        for (long batch = 0; batch < plan.batches(); batch++) {
            String first = ResidentLife.residentCode(batch * plan.batchSize());
            String last = ResidentLife.residentCode(batchEnd(plan, batch) - 1);
            BatchState state = store.read(tx -> tx.resident(last).isPresent() ? BatchState.DONE
                    : tx.resident(first).isPresent() ? BatchState.BEGUN : BatchState.NEW);
            batches.add(new Batch(batch, state));
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

    /** What the workers share: the tally, the count of residents done, and the first failure. */
    private static final class Coordination {

        private final Progress progress;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private GenerationTally tally = GenerationTally.NONE;
        private long residentsDone;

        Coordination(Progress progress, long residentsDone) {
            this.progress = progress;
            this.residentsDone = residentsDone;
        }

        synchronized void add(GenerationTally lived, long newlyDone) {
            tally = tally.plus(lived);
            residentsDone += newlyDone;
            progress.residentLived(residentsDone, tally);
        }

        void checkGoingOn() {
            if (failure.get() != null) {
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

    /** Thrown in a worker when another one failed: it stops between two transactions. */
    private static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stopped() {
            super("stopped because another worker failed", null, false, false);
        }
    }
}
