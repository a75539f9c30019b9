package jp.shomei.ca.store;

import io.micronaut.context.ApplicationContext;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The database behind Shomei: opens the connection pool, brings the schema up to date, and runs work
 * in transactions. All reads and writes go through a {@link StoreTransaction}, so every write is
 * visibly inside a transaction.
 */
public final class Store implements AutoCloseable {

    private static final long CONNECTION_TIMEOUT_MILLIS = 5_000;

    private final ApplicationContext context;
    private final TransactionOperations<Connection> transactions;
    private final Repositories repositories;
    /** The write transaction open on this thread, which a nested write joins. */
    private final ThreadLocal<StoreTransaction> openWrite = new ThreadLocal<>();
    private final Optional<H2Compaction> compaction;

    private Store(ApplicationContext context, Optional<Duration> compactionInterval) {
        this.context = context;
        @SuppressWarnings("unchecked")
        TransactionOperations<Connection> tx = context.getBean(TransactionOperations.class);
        this.transactions = tx;
        this.repositories = Repositories.of(context);
        this.compaction = compactionInterval.map(interval -> new H2Compaction(dataSource(), interval));
    }

    /**
     * Connects, migrates the schema to the latest version, and returns the open store. An H2 file
     * database is compacted while the store is open (H2Compaction).
     */
    public static Store open(DatabaseConfig config) {
        return open(config, config.isH2File() ? Optional.of(H2Compaction.INTERVAL) : Optional.empty());
    }

    /** As {@link #open(DatabaseConfig)}, compacting every interval given, or never when none is. */
    static Store open(DatabaseConfig config, Optional<Duration> compactionInterval) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("datasources.default.url", config.url());
        properties.put("datasources.default.username", config.user());
        properties.put("datasources.default.password", config.password());
        properties.put("datasources.default.driver-class-name", config.driverClassName());
        properties.put("datasources.default.dialect", "POSTGRES");
        properties.put("datasources.default.maximum-pool-size", config.maxConnections());
        properties.put("datasources.default.schema-generate", "NONE");
        // A request waits this long for a connection when the database is away, then answers 503.
        properties.put("datasources.default.connection-timeout", CONNECTION_TIMEOUT_MILLIS);
        ApplicationContext context = ApplicationContext.builder()
                .properties(properties)
                .deduceEnvironment(false)
                .banner(false)
                .start();
        try {
            Flyway.configure()
                    .dataSource(config.url(), config.user(), config.password())
                    .locations("classpath:db/migration")
                    .javaMigrations(new V5__AuditChain())
                    .load()
                    .migrate();
            return new Store(context, compactionInterval);
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
    }

    /**
     * Runs work in one read-write transaction; any exception rolls everything back. Called inside
     * another write on the same thread, it joins that transaction. The status changes and audit
     * entries the work appends are numbered when the outermost work is done, just before the commit.
     */
    public <T> T write(Function<StoreTransaction, T> work) {
        StoreTransaction joined = openWrite.get();
        if (joined != null) {
            return transactions.executeWrite(status -> work.apply(joined));
        }
        return transactions.executeWrite(status -> {
            StoreTransaction transaction = new StoreTransaction(repositories, true);
            openWrite.set(transaction);
            try {
                T result = work.apply(transaction);
                transaction.writeJournal();
                return result;
            } finally {
                openWrite.remove();
            }
        });
    }

    /** Runs work in one read-only transaction. */
    public <T> T read(Function<StoreTransaction, T> work) {
        return transactions.executeRead(status -> work.apply(new StoreTransaction(repositories, false)));
    }

    /** The pooled data source, outside any transaction: for health checks and for tests that inspect tables. */
    public DataSource dataSource() {
        return DelegatingDataSource.unwrapDataSource(context.getBean(DataSource.class));
    }

    /** The compaction this store runs: present for an H2 file database only. */
    Optional<H2Compaction> compaction() {
        return compaction;
    }

    /** Stops the compaction before the database closes under it. */
    @Override
    public void close() {
        compaction.ifPresent(H2Compaction::close);
        context.close();
    }
}
