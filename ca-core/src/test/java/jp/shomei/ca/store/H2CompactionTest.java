package jp.shomei.ca.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded H2 file stays within a bound of its live data under a long run of small commits. H2
 * writes every commit as a new chunk (WRITE_DELAY=0); without compaction the chunks that keep one live
 * page are never freed, and the file grows by about a 4 KB block per commit.
 */
class H2CompactionTest {

    private static final int COMMITS = 3_000;
    private static final int COMMITS_BETWEEN_PASSES = 20;
    /**
     * How many times its fully compacted size the file may be. Measured: about 5 with compaction, about
     * 22 without, and the gap widens with every commit (compaction frees chunks but does not move them,
     * so some holes stay).
     */
    private static final long BOUND = 8;
    /** Long enough that no scheduled pass runs during the test: the test runs the passes itself. */
    private static final Duration NEVER_DURING_THE_TEST = Duration.ofDays(1);

    @TempDir
    Path root;

    @Test
    void theFileOfAStoreThatCompactsStaysWithinABoundOfItsLiveData() throws Exception {
        long without = fileSizeAfterCommits(root.resolve("without"), Optional.empty(), store -> { });
        long with = fileSizeAfterCommits(root.resolve("with"), Optional.of(NEVER_DURING_THE_TEST),
                store -> store.compaction().orElseThrow().runOnce());

        long compacted = sizeOnceFullyCompacted(root.resolve("without"));
        System.out.printf("H2 file after %d commits: %d KB without compaction, %d KB with, %d KB fully compacted%n",
                COMMITS, without / 1024, with / 1024, compacted / 1024);
        assertThat(with).as("file size with compaction").isLessThan(BOUND * compacted);
        assertThat(without).as("file size without compaction").isGreaterThan(BOUND * compacted);
    }

    @Test
    void aStoreThatCompactsShortensH2sRetentionOfDeadChunksToWhatItsForcingTheFileToDiskAllows() throws SQLException {
        try (Store store = Store.open(DatabaseConfig.embedded(root), Optional.empty())) {
            assertThat(retentionMillis(store)).as("H2's default").isEqualTo(45_000);
        }
        try (Store store = Store.open(DatabaseConfig.embedded(root), Optional.of(NEVER_DURING_THE_TEST))) {
            assertThat(retentionMillis(store)).isEqualTo(H2Compaction.RETENTION.toMillis())
                    .isGreaterThanOrEqualTo(5 * H2Compaction.INTERVAL.toMillis());
        }
    }

    @Test
    void onlyAnH2FileDatabaseIsCompacted() {
        try (Store embedded = Store.open(DatabaseConfig.embedded(root));
             Store inMemory = Store.open(DatabaseConfig.inMemory("compaction-" + root.getFileName()))) {
            assertThat(embedded.compaction()).isPresent();
            assertThat(inMemory.compaction()).isEmpty();
        }
        assertThat(new DatabaseConfig("jdbc:postgresql://localhost/shomei", "shomei", "", 4).isH2File()).isFalse();
        assertThat(new DatabaseConfig("jdbc:h2:tcp://localhost/shomei;MODE=PostgreSQL", "shomei", "", 4).isH2File())
                .isFalse();
    }

    @Test
    void aCompactionIntervalMustBePositive() {
        assertThatThrownBy(() -> new H2Compaction(null, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("compaction interval must be positive, got PT0S");
    }

    /**
     * Commits one audit entry per transaction, as the lifecycle does for every event (the entry and
     * its counter row), running the given maintenance every so many commits.
     */
    private static long fileSizeAfterCommits(Path data, Optional<Duration> compactionInterval,
                                             Consumer<Store> maintenance) throws SQLException, IOException {
        try (Store store = Store.open(DatabaseConfig.embedded(data), compactionInterval)) {
            keepNoSupersededChunks(store);
            Instant at = Instant.parse("2026-12-01T00:00:00Z");
            for (int commit = 1; commit <= COMMITS; commit++) {
                Instant now = at.plusSeconds(commit);
                store.write(tx -> {
                    tx.appendAudit(now, "test", "suspend", Optional.of("00000000001"), Optional.empty(),
                            "a lifecycle event");
                    return null;
                });
                if (commit % COMMITS_BETWEEN_PASSES == 0) {
                    maintenance.accept(store);
                }
            }
            return Files.size(data.resolve("db/shomei.mv.db"));
        }
    }

    /** The size of the closed store's file after SHUTDOWN COMPACT, which rewrites it with live pages only. */
    private static long sizeOnceFullyCompacted(Path data) throws SQLException, IOException {
        try (Connection connection = DriverManager.getConnection(DatabaseConfig.embedded(data).url(), "shomei", "");
             Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN COMPACT");
        }
        return Files.size(data.resolve("db/shomei.mv.db"));
    }

    private static long retentionMillis(Store store) throws SQLException {
        try (Connection connection = store.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet setting = statement.executeQuery(
                     "SELECT setting_value FROM information_schema.settings WHERE setting_name = 'RETENTION_TIME'")) {
            assertThat(setting.next()).as("H2 reports RETENTION_TIME").isTrue();
            return Long.parseLong(setting.getString(1));
        }
    }

    /**
     * H2 rewrites and reuses a chunk only once it is older than its retention time (45 s by default,
     * so that the file system has flushed what replaced it; a store that compacts sets 10 s). At 0, the
     * minutes of a running server fit in the few seconds of this test; it applies to both stores alike.
     */
    private static void keepNoSupersededChunks(Store store) {
        try (Connection connection = store.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("SET RETENTION_TIME 0");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
