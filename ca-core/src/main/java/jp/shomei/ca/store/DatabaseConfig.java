package jp.shomei.ca.store;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the store lives. H2 runs in PostgreSQL mode so that one set of migrations and one SQL
 * dialect serve both the embedded default and production.
 */
public record DatabaseConfig(String url, String user, String password, int maxConnections) {

    /** Room for every distinct statement the store runs often (there are a few dozen). */
    private static final int H2_QUERY_CACHE_SIZE = 128;

    public DatabaseConfig {
        Objects.requireNonNull(url, "database url");
        Objects.requireNonNull(user, "database user");
        Objects.requireNonNull(password, "database password");
        if (!url.startsWith("jdbc:postgresql:") && !url.startsWith("jdbc:h2:")) {
            throw new IllegalArgumentException(
                    "database url must start with jdbc:postgresql: or jdbc:h2:, got '" + url + "'");
        }
        if (url.startsWith("jdbc:h2:") && !url.contains("MODE=PostgreSQL")) {
            throw new IllegalArgumentException("an H2 database url must set MODE=PostgreSQL: " + url);
        }
        if (maxConnections < 2 || maxConnections > 200) {
            throw new IllegalArgumentException("database max connections must be 2..200, got " + maxConnections);
        }
    }

    /**
     * The embedded default: an H2 file database inside the data directory. AUTO_SERVER lets the
     * command line read it while the service runs. WRITE_DELAY=0 writes every commit to the file before
     * the commit returns: H2's default keeps up to half a second of committed transactions in memory,
     * which a killed process loses after the client was told "done" (CrashConsistencyTest). It also
     * stops H2's background compaction, so the store compacts the file itself (H2Compaction).
     */
    public static DatabaseConfig embedded(Path dataDirectory) {
        return new DatabaseConfig(embeddedLocation(dataDirectory) + ";AUTO_SERVER=TRUE;WRITE_DELAY=0", "shomei", "", 16);
    }

    /** Whether this is the embedded store of that data directory. */
    public boolean isEmbedded(Path dataDirectory) {
        return url.equals(embedded(dataDirectory).url());
    }

    /** The embedded database without AUTO_SERVER: opening it fails while another process has it open. */
    static String exclusiveEmbeddedUrl(Path dataDirectory) {
        return embeddedLocation(dataDirectory);
    }

    /** The embedded database file, {@code <data>/db/shomei.mv.db}. */
    public static Path embeddedFile(Path dataDirectory) {
        return dataDirectory.toAbsolutePath().resolve("db/shomei.mv.db");
    }

    private static String embeddedLocation(Path dataDirectory) {
        return h2Url("file:" + dataDirectory.toAbsolutePath().resolve("db/shomei"));
    }

    /** A private in-memory H2 database, gone when the store closes. For tests and throwaway runs. */
    public static DatabaseConfig inMemory(String name) {
        return new DatabaseConfig(h2Url("mem:" + name) + ";DB_CLOSE_DELAY=-1", "shomei", "", 8);
    }

    /**
     * QUERY_CACHE_SIZE: H2 keeps the parsed form of this many statements per connection and parses any
     * other statement again on every use. Its default of 8 is fewer than the distinct statements of one
     * issuance, so each of them was parsed anew every time (BENCHMARKS.md, "PKCS#11 signing on SoftHSM").
     */
    private static String h2Url(String location) {
        return "jdbc:h2:" + location + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
                + ";QUERY_CACHE_SIZE=" + H2_QUERY_CACHE_SIZE;
    }

    /** An H2 database in a file this process may open itself: not in memory, not behind an H2 server. */
    boolean isH2File() {
        return url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:mem:") && !url.startsWith("jdbc:h2:tcp:")
                && !url.startsWith("jdbc:h2:ssl:");
    }

    boolean isPostgres() {
        return url.startsWith("jdbc:postgresql:");
    }

    String driverClassName() {
        return isPostgres() ? "org.postgresql.Driver" : "org.h2.Driver";
    }

    @Override
    public String toString() {
        return "DatabaseConfig[url=" + url + ", user=" + user + ", maxConnections=" + maxConnections + "]";
    }
}
