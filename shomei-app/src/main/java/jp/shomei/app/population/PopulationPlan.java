package jp.shomei.app.population;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

/**
 * Which population to generate: how many residents, from which seed, over how many simulated years
 * ending at which instant, in transactions of how many residents. Everything generated follows
 * from the plan, so a run that stopped can be resumed by running the same plan again.
 *
 * @param endsAt the end of the simulated history (the time of the first run, so that the
 *     population is current); the history starts {@code years} before, and the cards held at its
 *     start were issued during the five years before that
 */
public record PopulationPlan(long residents, long seed, int years, Instant endsAt, int batchSize) {

    public static final String FILE_NAME = "population.properties";
    static final Duration YEAR = Duration.ofDays(365).plusHours(6);

    public PopulationPlan {
        if (residents < 1 || residents > 10_000_000_000L) {
            throw new IllegalArgumentException("residents must be between 1 and 10,000,000,000, not " + residents);
        }
        if (years < 1 || years > 20) {
            throw new IllegalArgumentException("years must be between 1 and 20, not " + years);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("the batch size must be positive, not " + batchSize);
        }
    }

    public Instant startsAt() {
        return endsAt.minus(YEAR.multipliedBy(years));
    }

    public long batches() {
        return (residents + batchSize - 1) / batchSize;
    }

    /** Whether this plan generates the same population as the other, whenever it was written. */
    public boolean sameAs(PopulationPlan other) {
        return residents == other.residents && seed == other.seed && years == other.years
                && batchSize == other.batchSize;
    }

    /** The plan saved in a data directory by an earlier run, if any. */
    public static Optional<PopulationPlan> load(Path dataDirectory) {
        Path file = dataDirectory.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        try {
            return Optional.of(new PopulationPlan(Long.parseLong(properties.getProperty("residents")),
                    Long.parseLong(properties.getProperty("seed")), Integer.parseInt(properties.getProperty("years")),
                    Instant.parse(properties.getProperty("ends-at")),
                    Integer.parseInt(properties.getProperty("batch-size"))));
        } catch (RuntimeException e) {
            throw new IllegalStateException(file + " is damaged (" + e.getMessage() + "); delete the data directory "
                    + "to generate a new population", e);
        }
    }

    public void save(Path dataDirectory) {
        Properties properties = new Properties();
        properties.setProperty("residents", Long.toString(residents));
        properties.setProperty("seed", Long.toString(seed));
        properties.setProperty("years", Integer.toString(years));
        properties.setProperty("ends-at", endsAt.toString());
        properties.setProperty("batch-size", Integer.toString(batchSize));
        try {
            Files.createDirectories(dataDirectory);
            try (Writer writer = Files.newBufferedWriter(dataDirectory.resolve(FILE_NAME), StandardCharsets.UTF_8)) {
                properties.store(writer, "the population generated into this data directory; "
                        + "shomei population generate resumes it");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the population plan in " + dataDirectory, e);
        }
    }

    @Override
    public String toString() {
        return residents + " residents, seed " + seed + ", " + years + " simulated years ending " + endsAt
                + ", " + batchSize + " residents per transaction";
    }
}
