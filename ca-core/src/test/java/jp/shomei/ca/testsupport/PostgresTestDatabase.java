package jp.shomei.ca.testsupport;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;

/**
 * The PostgreSQL server that {@code ./scripts/test} starts for a test run, as named by the
 * environment variables {@code SHOMEI_TEST_POSTGRES_URL}, {@code _USER} and {@code _PASSWORD}.
 * Without them the tests fail rather than skip: a persistence test that quietly does not run
 * proves nothing.
 */
public record PostgresTestDatabase(String url, String user, String password) {

    private static final String MISSING = "PostgreSQL tests need a server: run ./scripts/test, or set"
            + " SHOMEI_TEST_POSTGRES_URL, SHOMEI_TEST_POSTGRES_USER and SHOMEI_TEST_POSTGRES_PASSWORD";

    private static final SecureRandom RANDOM = new SecureRandom();

    /** @throws IllegalStateException if the environment does not name a server */
    public static PostgresTestDatabase fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    static PostgresTestDatabase fromEnvironment(Map<String, String> environment) {
        String url = environment.get("SHOMEI_TEST_POSTGRES_URL");
        String user = environment.get("SHOMEI_TEST_POSTGRES_USER");
        String password = environment.get("SHOMEI_TEST_POSTGRES_PASSWORD");
        if (isBlank(url) || isBlank(user) || password == null) {
            throw new IllegalStateException(MISSING);
        }
        return new PostgresTestDatabase(url, user, password);
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    /**
     * Creates an empty schema of its own, so that test classes never see each other's tables.
     * Close it to drop the schema and everything in it.
     */
    public Schema createSchema() throws SQLException {
        String name = "t_" + HexFormat.of().formatHex(randomBytes());
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + name);
        }
        return new Schema(this, name);
    }

    /** Never prints the password, which ends up in test reports otherwise. */
    @Override
    public String toString() {
        return "PostgresTestDatabase[url=" + url + ", user=" + user + "]";
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /** A schema made for one test class; {@link #url()} makes it the connection's default schema. */
    public record Schema(PostgresTestDatabase database, String name) implements AutoCloseable {

        public String url() {
            String base = database.url();
            return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + name;
        }

        public String user() {
            return database.user();
        }

        public String password() {
            return database.password();
        }

        public Connection connect() throws SQLException {
            return DriverManager.getConnection(url(), user(), password());
        }

        @Override
        public void close() throws SQLException {
            try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA " + name + " CASCADE");
            }
        }

        @Override
        public String toString() {
            return "Schema[" + name + " in " + database + "]";
        }
    }
}
