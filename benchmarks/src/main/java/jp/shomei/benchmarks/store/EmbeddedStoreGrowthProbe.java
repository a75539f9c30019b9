package jp.shomei.benchmarks.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import jp.shomei.ca.store.DatabaseConfig;
import jp.shomei.ca.store.Store;

/**
 * The size of the embedded H2 file under a steady stream of small commits, at the pace of sustained
 * issuance: one transaction per lifecycle event (an audit entry and its counter row), a fixed number
 * per second, each its own commit. Prints the file size every thousand commits and at the end, with the
 * store still open (closing it compacts the file for a moment and would hide the growth).
 *
 * <p>Usage: {@code EmbeddedStoreGrowthProbe <data directory> <commits> <commits per second>}.
 */
public final class EmbeddedStoreGrowthProbe {

    private static final int REPORT_EVERY = 1_000;

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        int commits = Integer.parseInt(args[1]);
        long nanosPerCommit = TimeUnit.SECONDS.toNanos(1) / Integer.parseInt(args[2]);
        Path file = data.resolve("db/shomei.mv.db");
        long start = System.nanoTime();
        try (Store store = Store.open(DatabaseConfig.embedded(data))) {
            for (int commit = 1; commit <= commits; commit++) {
                Instant at = Instant.now();
                store.write(tx -> {
                    tx.appendAudit(at, "probe", "suspend", Optional.of("00000000001"), Optional.empty(),
                            "a lifecycle event");
                    return null;
                });
                if (commit % REPORT_EVERY == 0 || commit == commits) {
                    System.out.printf("%d commits, %d s: %d KB%n", commit,
                            TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start), Files.size(file) / 1024);
                }
                long due = start + commit * nanosPerCommit;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
        }
    }
}
