package jp.shomei.app.cli;

import java.io.PrintWriter;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import jp.shomei.app.config.ShomeiConfig;
import jp.shomei.app.population.EmbeddedFileGrowth;
import jp.shomei.app.population.GenerationTally;
import jp.shomei.app.population.PopulationGenerator;
import jp.shomei.app.population.PopulationPlan;
import jp.shomei.app.population.ProgressBar;
import jp.shomei.app.population.SigningRate;
import jp.shomei.app.server.ShomeiServer;
import jp.shomei.ca.authority.CaCertificateFactory;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.ca.authority.CertificateAuthorities;
import jp.shomei.ca.lifecycle.AuthorityBootstrap;
import jp.shomei.ca.profile.SerialNumbers;
import jp.shomei.ca.store.DatabaseConfig;
import jp.shomei.ca.store.OfflineCompaction;
import jp.shomei.ca.store.Store;
import jp.shomei.keys.KeySource;
import jp.shomei.keys.SigningKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "population", mixinStandardHelpOptions = true,
        description = "Synthetic national populations for scale tests.",
        subcommands = PopulationCommand.Generate.class)
final class PopulationCommand {

    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = {"Fills the configured store (H2 or PostgreSQL) with a synthetic population: the 1,741 "
                    + "municipalities, residents with Japan's age structure, their card certificates, and several "
                    + "simulated years of moves, deaths and renewals with the revocations they imply, and smartphone "
                    + "certificates for a share of signing-certificate holders.",
                    "Resumable: SIGTERM or Ctrl-C rolls back the batches in progress and exits with status 130; run the "
                            + "same command again to continue a stopped run. Progress goes to stderr, "
                            + "the summary and the signing baseline to stdout."})
    static final class Generate implements Callable<Integer> {

        private static final Duration BASELINE = Duration.ofSeconds(3);
        /** Exit status of a run stopped by SIGTERM or Ctrl-C: what it committed is kept, and the same command continues. */
        static final int STOPPED = 130;

        @Option(names = "--residents", required = true, paramLabel = "N", description = "How many residents.")
        long residents;

        @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
                description = "Seed of the population (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--years", defaultValue = "3", paramLabel = "Y",
                description = "Simulated years of moves, deaths and renewals (default: ${DEFAULT-VALUE}).")
        int years;

        @Option(names = "--batch", defaultValue = "500", paramLabel = "N",
                description = "Residents lived by a worker in one transaction, stored whole or not at all "
                        + "(default: ${DEFAULT-VALUE}).")
        int batch;

        @Option(names = "--workers", paramLabel = "W",
                description = "Batches lived at once (default: the number of processors, at most the database "
                        + "connections less one).")
        Integer workers;

        @Option(names = "--compact-growth", defaultValue = "4096", paramLabel = "MiB",
                description = "Embedded store only: once the H2 file has grown by half its compacted size, and by at "
                        + "least this many MiB, the workers finish their batches, the file is compacted (as by shomei "
                        + "store compact) and generation goes on. Under sustained generation the file grows many "
                        + "times faster than its content; this bounds the disk a run needs to about 2.5 times the "
                        + "compacted population (default: ${DEFAULT-VALUE}).")
        long compactGrowthMib;

        @Mixin
        DataDirectoryOption data;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            // A stop goes to the generator, which rolls back the batches in progress and returns, so that the
            // store is closed here and not by the JVM's exit hooks while workers still write (see StopSignals).
            AtomicBoolean stopRequested = new AtomicBoolean();
            StopSignals.Registration signals = StopSignals.onStop(() -> stopRequested.set(true));
            try {
                if (compactGrowthMib < 1) {
                    throw new IllegalArgumentException("--compact-growth must be at least 1 MiB, not " + compactGrowthMib);
                }
                Map<String, String> environment = System.getenv();
                Clock clock = Clock.systemUTC();
                PrintWriter out = spec.commandLine().getOut();
                ShomeiConfig config = ShomeiConfig.load(data.directory, environment);
                PopulationPlan requested = new PopulationPlan(residents, seed, years,
                        clock.instant().truncatedTo(ChronoUnit.SECONDS), batch);
                PopulationPlan plan = PopulationPlan.load(config.dataDirectory()).orElse(requested);
                if (!plan.sameAs(requested)) {
                    throw new IllegalArgumentException(config.dataDirectory() + " holds another population (" + plan
                            + "); run with those options to resume it, or use a new data directory");
                }
                plan.save(config.dataDirectory());
                out.println("population: " + plan);
                out.flush();
                Outcome outcome = generateInLegs(config, environment, clock, plan, stopRequested::get, out);
                printSummary(out, outcome);
                if (stopRequested.get()) {
                    out.println("stopped on request: the batches in progress were rolled back; run the same command "
                            + "to continue");
                }
                out.flush();
            } finally {
                signals.close();
            }
            return stopRequested.get() ? STOPPED : 0;
        }

        /** What a run stored, how long it took and how much of it went to compacting, and the signing rate around it. */
        private record Outcome(GenerationTally tally, double seconds, Duration compacting, double signingBefore,
                               double signingAfter) {
        }

        /**
         * Generates the plan until it is complete or a stop is requested; on the embedded store, in legs
         * separated by compactions of the file.
         */
        private Outcome generateInLegs(ShomeiConfig config, Map<String, String> environment, Clock clock,
                                       PopulationPlan plan, BooleanSupplier stopRequested, PrintWriter out) {
            SecureRandom random = new SecureRandom();
            Optional<EmbeddedFileGrowth> growth = config.database().isEmbedded(config.dataDirectory())
                    ? Optional.of(new EmbeddedFileGrowth(DatabaseConfig.embeddedFile(config.dataDirectory()),
                            compactGrowthMib << 20))
                    : Optional.empty();
            BooleanSupplier compactionDue = () -> growth.isPresent() && growth.get().getAsBoolean();
            GenerationTally tally = GenerationTally.NONE;
            Duration compacting = Duration.ZERO;
            double signingBefore = 0;
            boolean firstLeg = true;
            long started = System.nanoTime();
            try (KeySource keys = ShomeiServer.openKeys(config, environment)) {
                while (true) {
                    try (Store store = Store.open(config.database())) {
                        CertificateAuthorities authorities = new AuthorityBootstrap(store, keys,
                                new CaCertificateFactory(clock), new SerialNumbers(random), clock).loadOrCreate();
                        SigningKey caKey = authorities.issuing(CaKind.SIGNING).authority().key();
                        if (firstLeg) {
                            firstLeg = false;
                            signingBefore = SigningRate.measure(caKey, BASELINE);
                            started = System.nanoTime();
                            out.println("workers: " + threads(config));
                            out.flush();
                        }
                        PopulationGenerator generator = new PopulationGenerator(store, authorities,
                                config.crlBaseUrl(), stopRequested, compactionDue);
                        tally = tally.plus(generator.generate(plan, threads(config),
                                new ProgressBar(spec.commandLine().getErr())));
                        if (stopRequested.getAsBoolean() || !compactionDue.getAsBoolean()) {
                            double seconds = (System.nanoTime() - started) / 1e9;
                            return new Outcome(tally, seconds, compacting, signingBefore,
                                    SigningRate.measure(caKey, BASELINE));
                        }
                    }
                    compacting = compacting.plus(compact(config, growth.get()));
                }
            }
        }

        private static void printSummary(PrintWriter out, Outcome outcome) {
            GenerationTally tally = outcome.tally();
            double perSecond = tally.certificates() / Math.max(outcome.seconds(), 1e-3);
            double baseline = (outcome.signingBefore() + outcome.signingAfter()) / 2;
            out.printf("this run: %,d residents, %,d certificates (%,d renewals, %,d phone registrations), %,d moves "
                            + "revoking %,d signing certificates, %,d deaths revoking %,d, in %.1f s (%.1f s of it "
                            + "compacting the embedded file): %,.1f certificates/s (%,d deadlock victims retried)%n",
                    tally.residents(), tally.certificates(), tally.renewals(), tally.phoneRegistrations(),
                    tally.moves(), tally.movedSigningRevoked(), tally.deaths(), tally.deathRevocations(),
                    outcome.seconds(), outcome.compacting().toMillis() / 1e3, perSecond, tally.deadlockRetries());
            out.printf("signing baseline: %,.1f signatures/s with the signing CA key (%,.1f before, %,.1f after): "
                    + "generation runs at %.2f of raw signing%n", baseline, outcome.signingBefore(),
                    outcome.signingAfter(), perSecond / baseline);
        }

        private int threads(ShomeiConfig config) {
            return workers != null ? workers : Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(),
                    config.database().maxConnections() - 1));
        }

        /** Compacts the embedded file between two legs of the run, with the store closed; returns how long it took. */
        private Duration compact(ShomeiConfig config, EmbeddedFileGrowth growth) {
            PrintWriter err = spec.commandLine().getErr();
            err.println();
            err.println("compacting the embedded file, which grew faster than the population...");
            err.flush();
            long started = System.nanoTime();
            OfflineCompaction.Result result = OfflineCompaction.compact(config.dataDirectory());
            growth.compacted();
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            err.printf("compacted: %,d MB before, %,d MB after, in %.1f s%n", result.bytesBefore() >> 20,
                    result.bytesAfter() >> 20, took.toMillis() / 1e3);
            err.flush();
            return took;
        }
    }
}
