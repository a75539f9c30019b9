package jp.shomei.app.population;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import jp.shomei.ca.authority.CertificateAuthorities;
import jp.shomei.ca.lifecycle.CaServices;
import jp.shomei.ca.profile.CrlBaseUrl;
import jp.shomei.ca.resident.Municipality;
import jp.shomei.ca.store.Store;

/**
 * Fills a store with a synthetic population (see {@link ResidentLife}), a batch of residents per
 * transaction: a batch is stored whole or not at all, and batches are stored in order, so the
 * batches already done are a prefix, found on the next run by whether each batch's first resident
 * exists. Running the same plan again therefore continues where a stopped run left off.
 */
public final class PopulationGenerator {

    /** Told about the generator's progress; the default methods ignore it. */
    public interface Progress {

        /** Before the first batch of this run: how many residents earlier runs already stored. */
        default void starting(PopulationPlan plan, long residentsAlreadyStored) {
        }

        /**
         * Inside the batch's transaction, after each resident's whole life was written; the tally
         * includes the batch so far, which is not committed yet.
         */
        default void residentWritten(long number, GenerationTally thisRunSoFar) {
        }

        /** After a batch's transaction committed. */
        default void batchStored(long residentsStored, GenerationTally thisRun) {
        }
    }

    private final Store store;
    private final CertificateAuthorities authorities;
    private final CrlBaseUrl crlBaseUrl;

    public PopulationGenerator(Store store, CertificateAuthorities authorities, CrlBaseUrl crlBaseUrl) {
        this.store = store;
        this.authorities = authorities;
        this.crlBaseUrl = crlBaseUrl;
    }

    /** Generates the plan's population, or what of it is not stored yet; returns what this run added. */
    public GenerationTally generate(PopulationPlan plan, Progress progress) {
        NationalMunicipalities municipalities = completeMunicipalities();
        SimulationClock clock = new SimulationClock(plan.startsAt());
        CaServices services = CaServices.create(store, authorities, crlBaseUrl, clock, new SecureRandom());
        ResidentLife life = new ResidentLife(services, clock, municipalities, plan);
        long firstBatch = batchesStored(plan);
        progress.starting(plan, Math.min(plan.residents(), firstBatch * plan.batchSize()));
        GenerationTally committed = GenerationTally.NONE;
        for (long batch = firstBatch; batch < plan.batches(); batch++) {
            long from = batch * plan.batchSize();
            long to = Math.min(plan.residents(), from + plan.batchSize());
            GenerationTally before = committed;
            GenerationTally stored = store.write(tx -> {
                GenerationTally sum = GenerationTally.NONE;
                for (long number = from; number < to; number++) {
                    sum = sum.plus(life.live(number));
                    progress.residentWritten(number, before.plus(sum));
                }
                return sum;
            });
            committed = committed.plus(stored);
            progress.batchStored(to, committed);
        }
        return committed;
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

    /** How many batches earlier runs stored: the first batch whose first resident is missing. */
    private long batchesStored(PopulationPlan plan) {
        long low = 0;
        long high = plan.batches();
        while (low < high) {
            long middle = (low + high) >>> 1;
            String firstResident = ResidentLife.residentCode(middle * plan.batchSize());
            if (store.read(tx -> tx.resident(firstResident)).isPresent()) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }
}
