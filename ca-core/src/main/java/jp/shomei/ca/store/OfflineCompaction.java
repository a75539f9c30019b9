package jp.shomei.ca.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Gives the embedded H2 file back the size of its content with H2's {@code SHUTDOWN COMPACT}, which
 * moves every live page to the front of a new file. While the service runs, {@link H2Compaction} only
 * slows the file's growth; this is the operator's remedy, with the service stopped.
 */
public final class OfflineCompaction {

    /** The file's size before and after. */
    public record Result(long bytesBefore, long bytesAfter) {
    }

    private OfflineCompaction() {
    }

    /**
     * Compacts the embedded store of this data directory. Refused, with nothing changed, when there is
     * no embedded store there or another process (a running {@code shomei start}) has it open: the
     * database is opened without AUTO_SERVER, so it is never reached through that process.
     */
    public static Result compact(Path dataDirectory) {
        Path file = DatabaseConfig.embeddedFile(dataDirectory);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no embedded store at " + file);
        }
        long before = size(file);
        DatabaseConfig embedded = DatabaseConfig.embedded(dataDirectory);
        try (Connection connection = DriverManager.getConnection(DatabaseConfig.exclusiveEmbeddedUrl(dataDirectory)
                + ";IFEXISTS=TRUE", embedded.user(), embedded.password());
             Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN COMPACT");
        } catch (SQLException e) {
            if (e.getErrorCode() == org.h2.api.ErrorCode.DATABASE_ALREADY_OPEN_1) {
                throw new IllegalStateException("the store at " + file
                        + " is open in another process (is shomei start running?); stop it and try again", e);
            }
            throw new IllegalStateException("could not compact " + file + ": " + e.getMessage(), e);
        }
        return new Result(before, size(file));
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
