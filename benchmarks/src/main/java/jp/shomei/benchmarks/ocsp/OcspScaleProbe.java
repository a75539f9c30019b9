package jp.shomei.benchmarks.ocsp;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import jp.shomei.benchmarks.results.Figure;
import jp.shomei.benchmarks.results.ResultFile;
import jp.shomei.ca.authority.CaCertificateFactory;
import jp.shomei.ca.authority.CertificateAuthorities;
import jp.shomei.ca.lifecycle.AuthorityBootstrap;
import jp.shomei.ca.profile.SerialNumbers;
import jp.shomei.ca.store.DatabaseConfig;
import jp.shomei.ca.store.Store;
import jp.shomei.keys.SoftwareKeySource;
import jp.shomei.ocsp.OcspResponder;
import jp.shomei.ocsp.OcspSettings;
import jp.shomei.ocsp.status.StatusBook;
import jp.shomei.ocsp.status.StatusLoader;

/**
 * Start-up time and memory per certificate of the OCSP responder at scale. Fills a PostgreSQL schema
 * with N synthetic certificate rows (secondary indexes dropped first; random 125-bit serials, both CAs, 95 % good, 4 % revoked, 1 % on
 * hold; a one-byte placeholder instead of the DER, which the responder never reads), then measures:
 * the heap the status book holds after a full GC, and the wall time of a whole responder start.
 *
 * <p>Usage: {@code OcspScaleProbe <jdbc url> <user> <password> <certificates>}; password may be empty.
 */
public final class OcspScaleProbe {

    public static void main(String[] args) throws Exception {
        DatabaseConfig database = new DatabaseConfig(args[0], args[1], args[2], 4);
        long certificates = Long.parseLong(args[3]);
        Clock clock = Clock.systemUTC();
        Path keyDirectory = Files.createTempDirectory("shomei-scale-keys");
        SoftwareKeySource keys = new SoftwareKeySource(keyDirectory,
                Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(18)).toCharArray());
        try (Store store = Store.open(database)) {
            CertificateAuthorities authorities = new AuthorityBootstrap(store, keys, new CaCertificateFactory(clock),
                    new SerialNumbers(new SecureRandom()), clock).loadOrCreate();
            long existing = count(store);
            if (existing < certificates) {
                long started = System.nanoTime();
                insert(store, existing, certificates);
                System.out.printf("inserted %,d synthetic rows in %d s%n", certificates - existing,
                        Duration.ofNanos(System.nanoTime() - started).toSeconds());
            }
            System.out.printf("certificate rows: %,d%n", count(store));

            long before = usedHeapAfterGc();
            long loadStarted = System.nanoTime();
            StatusBook book = new StatusBook();
            new StatusLoader(store.dataSource()).loadInto(book);
            long loadMillis = Duration.ofNanos(System.nanoTime() - loadStarted).toMillis();
            long after = usedHeapAfterGc();
            long loaded = book.size();
            System.out.printf("status book: %,d certificates loaded in %,d ms; heap %,d MB, %.1f bytes per certificate%n",
                    loaded, loadMillis, (after - before) >> 20, (after - before) / (double) loaded);
            book = null;
            usedHeapAfterGc();

            Vertx vertx = Vertx.vertx();
            long startStarted = System.nanoTime();
            OcspResponder responder = OcspResponder.start(vertx, store, keys, authorities, clock, OcspSettings.DEFAULTS,
                    new SimpleMeterRegistry());
            long startMillis = Duration.ofNanos(System.nanoTime() - startStarted).toMillis();
            System.out.printf("whole responder start (signers, load, feed): %,d ms%n", startMillis);
            String scale = String.format("%,d certificates", loaded);
            ResultFile.writeIfRequested(OcspScaleProbe.class, new String[] {"<jdbc url>", "<user>", "<password>", args[3]},
                    List.of(Figure.of(scale + ": status book memory per certificate", "bytes", (after - before) / (double) loaded),
                            Figure.of(scale + ": status load, one streaming query", "s", loadMillis / 1e3),
                            Figure.of(scale + ": whole responder start (signers, load, feed)", "s", startMillis / 1e3)));
            responder.close();
            vertx.close().await();
        } finally {
            keys.close();
        }
    }

    private static long count(Store store) throws Exception {
        try (Connection connection = store.dataSource().getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM certificate")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Server-side generation in batches of a million, one JDBC statement each. */
    private static void insert(Store store, long from, long to) throws Exception {
        try (Connection connection = store.dataSource().getConnection()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO municipality VALUES ('999999', '東京都', '合成市', 'Tokyo-to', 'Synthetic')"
                        + " ON CONFLICT DO NOTHING");
                statement.execute("INSERT INTO resident VALUES ('99999999999', '999999', 'x', '0', DATE '1990-01-01',"
                        + " 'MALE', 'x', '0', FALSE, NULL, now()) ON CONFLICT DO NOTHING");
                // Random keys make every index insert a random B-tree write; the responder's load is a
                // sequential scan that uses none of the secondary indexes, so they go for this throwaway
                // database (the primary key on the serial stays).
                for (String index : new String[] {"certificate_by_resident", "certificate_by_crl_partition"}) {
                    statement.execute("DROP INDEX IF EXISTS " + index);
                }
                statement.execute("ALTER TABLE certificate DROP CONSTRAINT IF EXISTS certificate_public_key_sha256_key");
            }
            String sql = "INSERT INTO certificate (serial, ca_kind, ca_generation, resident_code, municipality_code,"
                    + " crl_partition, subject_cn, not_before, not_after, card_expires_on, status, revocation_reason,"
                    + " status_changed_at, predecessor_serial, successor_serial, der, public_key_sha256)"
                    + " SELECT '1' || substr(md5(i::text || 'shomei'), 1, 31),"
                    + " CASE WHEN i % 2 = 0 THEN 'SIGNING' ELSE 'AUTHENTICATION' END, 1, '99999999999', '999999',"
                    + " '999999', 'synthetic', now(), now() + interval '5 years', DATE '2035-01-01',"
                    + " CASE WHEN i % 100 < 95 THEN 'GOOD' WHEN i % 100 < 99 THEN 'REVOKED' ELSE 'ON_HOLD' END,"
                    + " CASE WHEN i % 100 < 95 THEN NULL WHEN i % 100 < 99 THEN 'KEY_COMPROMISE' ELSE 'CERTIFICATE_HOLD' END,"
                    + " now(), NULL, NULL, decode('00', 'hex'), md5(i::text) || md5(i::text || 'key')"
                    + " FROM generate_series(?, ?) AS i";
            try (PreparedStatement insert = connection.prepareStatement(sql)) {
                for (long start = from; start < to; start += 1_000_000) {
                    insert.setLong(1, start);
                    insert.setLong(2, Math.min(to, start + 1_000_000) - 1);
                    insert.executeUpdate();
                    System.out.printf("  %,d rows%n", Math.min(to, start + 1_000_000));
                }
            }
        }
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return heap.getUsed();
    }
}
