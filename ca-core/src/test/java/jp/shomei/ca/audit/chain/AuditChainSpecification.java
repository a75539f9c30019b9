package jp.shomei.ca.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import jp.shomei.ca.audit.AuditEncoding;
import jp.shomei.ca.audit.AuditEntry;
import jp.shomei.ca.audit.ChainedAuditEntry;
import jp.shomei.ca.store.DatabaseConfig;
import jp.shomei.ca.store.Store;
import jp.shomei.keys.testsupport.MutableClock;
import jp.shomei.ca.testsupport.SharedKeySource;
import jp.shomei.keys.SigningKey;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The tamper-evident audit log (docs/audit.md): six entries and a checkpoint are written through the
 * store, then one row is changed with plain SQL the way someone with database access would, and the
 * verifier must name that entry and what was done to it. Subclasses choose the database.
 */
abstract class AuditChainSpecification {

    /** Nanoseconds on purpose: the chain must hash what the database keeps (microseconds). */
    static final Instant START = Instant.parse("2026-11-22T01:00:00.123456789Z");

    @RegisterExtension
    static final SharedKeySource KEYS = new SharedKeySource();

    abstract DatabaseConfig newDatabase();

    final MutableClock clock = new MutableClock(START);
    DatabaseConfig database;
    Store store;
    SigningKey auditKey;

    @BeforeEach
    void writeSixEntriesAndACheckpoint() {
        database = newDatabase();
        store = Store.open(database);
        auditKey = KEYS.source().find("audit-test").orElseGet(() -> KEYS.source().generateRsa2048("audit-test"));
        appendSix();
        clock.advance(Duration.ofMinutes(5));
        assertThat(checkpointer().checkpoint()).isPresent();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void anUntouchedLogPassesWithEveryEntryAndCheckpointChecked() {
        AuditVerdict verdict = verify();

        assertThat(verdict.firstProblem()).isEmpty();
        assertThat(verdict.entries()).isEqualTo(6);
        assertThat(verdict.checkpoints()).isEqualTo(1);
        assertThat(verdict.unsignedTail()).isZero();
    }

    @Test
    void entriesAppendedAfterTheCheckpointExtendTheChainAndCountAsUnsigned() {
        store.write(tx -> {
            tx.appendAudit(clock.instant(), "system", "test.later", Optional.empty(), Optional.empty(), "7");
            return null;
        });

        AuditVerdict verdict = verify();

        assertThat(verdict.firstProblem()).isEmpty();
        assertThat(verdict.unsignedTail()).isEqualTo(1);
    }

    @Test
    void aCheckpointWithNothingNewIsNotRepeated() {
        assertThat(checkpointer().checkpoint()).isEmpty();
        List<?> checkpoints = store.read(tx -> tx.auditCheckpoints());
        assertThat(checkpoints).hasSize(1);
    }

    @Test
    void anEditedEntryIsNamedAsModified() throws SQLException {
        sql("UPDATE audit_record SET detail = 'nothing happened' WHERE seq = 3");

        assertFinding(AuditFinding.Kind.MODIFIED, 3, "entry 3 modified: its stored hash does not match its contents");
    }

    @Test
    void theLastEntryEditedIsNamedAsModified() throws SQLException {
        sql("UPDATE audit_record SET actor = 'someone else' WHERE seq = 6");

        assertFinding(AuditFinding.Kind.MODIFIED, 6, "entry 6 modified: its stored hash does not match its contents");
    }

    @Test
    void aDeletedEntryIsNamedAsRemoved() throws SQLException {
        sql("DELETE FROM audit_record WHERE seq = 3");

        assertFinding(AuditFinding.Kind.REMOVED, 3, "entry 3 removed: the log goes from entry 2 to entry 4");
    }

    @Test
    void aDeletedLastEntryIsNamedAsRemovedByTheCounter() throws SQLException {
        sql("DELETE FROM audit_record WHERE seq = 6");

        assertFinding(AuditFinding.Kind.REMOVED, 6,
                "entry 6 removed: the audit counter records 6 entries but the log ends at entry 5");
    }

    @Test
    void anEntryInsertedInTheMiddleIsNamedAsInserted() throws SQLException {
        shiftFrom(3);
        insertRow(3, "0".repeat(64), "f".repeat(64));

        assertFinding(AuditFinding.Kind.INSERTED, 3, "entry 3 inserted: it is not in the chain, entry 4 follows entry 2");
    }

    @Test
    void anEntryInsertedWithAHashForgedFromThePublishedEncodingIsStillNamed() throws SQLException {
        String previous = entry(2).entryHash();
        AuditEntry forged = new AuditEntry(3, AuditEncoding.storedPrecision(START), "CN=Chiyoda-ku issuance system",
                "certificate.revoke", Optional.of("00000000001"), Optional.empty(), "forged");
        shiftFrom(3);
        insertRow(3, previous, AuditEncoding.entryHash(forged, previous));

        assertFinding(AuditFinding.Kind.INSERTED, 3,
                "entry 3 inserted: the chain skips it, entry 4 was written as entry 3 and follows entry 2");
    }

    @Test
    void anEntryAddedAfterTheLastIsNamedAsInsertedByTheCounter() throws SQLException {
        insertRow(7, entry(6).entryHash(), "f".repeat(64));

        assertFinding(AuditFinding.Kind.INSERTED, 7,
                "entry 7 inserted: its number was never given out by the audit counter");
    }

    @Test
    void twoSwappedEntriesAreNamedAsReordered() throws SQLException {
        sql("UPDATE audit_record SET seq = -seq WHERE seq IN (3, 4)");
        sql("UPDATE audit_record SET seq = 4 WHERE seq = -3");
        sql("UPDATE audit_record SET seq = 3 WHERE seq = -4");

        assertFinding(AuditFinding.Kind.REORDERED, 3, "entry 3 reordered: the entry at 3 was written as entry 4");
    }

    @Test
    void aChainRewrittenWithValidHashesIsCaughtByTheCheckpoint() throws SQLException {
        String previous = entry(2).entryHash();
        for (long sequence = 3; sequence <= 6; sequence++) {
            AuditEntry stored = entry(sequence).entry();
            AuditEntry rewritten = sequence == 3 ? new AuditEntry(3, stored.recordedAt(), stored.actor(), stored.action(),
                    stored.residentCode(), stored.serial(), "rewritten") : stored;
            String hash = AuditEncoding.entryHash(rewritten, previous);
            try (Connection connection = store.dataSource().getConnection();
                 PreparedStatement update = connection.prepareStatement(
                         "UPDATE audit_record SET detail = ?, previous_hash = ?, entry_hash = ? WHERE seq = ?")) {
                update.setString(1, rewritten.detail());
                update.setString(2, previous);
                update.setString(3, hash);
                update.setLong(4, sequence);
                update.executeUpdate();
            }
            previous = hash;
        }
        String signedHead = store.read(tx -> tx.auditCheckpoints()).get(0).headHash();

        assertFinding(AuditFinding.Kind.CHECKPOINT_HEAD, 6, "checkpoint at entry 6 (made 2026-11-22T01:05:06.123456Z):"
                + " its head hash " + signedHead + " is not the hash of entry 6 (" + previous
                + "): the log was rewritten up to there");
    }

    @Test
    void aCheckpointWithAnAlteredTimeFailsItsSignature() throws SQLException {
        sql("UPDATE audit_checkpoint SET made_at = made_at + INTERVAL '1' HOUR");

        assertFinding(AuditFinding.Kind.CHECKPOINT_SIGNATURE, 6, "checkpoint at entry 6 (made 2026-11-22T02:05:06.123456Z):"
                + " its signature does not verify with the audit key");
    }

    @Test
    void entriesWrittenBeforeTheChainExistedAreChainedByTheMigration() throws SQLException {
        store.close();
        database = newDatabase();
        Flyway.configure().dataSource(database.url(), database.user(), database.password())
                .locations("classpath:db/migration").target("4").load().migrate();
        try (Connection connection = java.sql.DriverManager.getConnection(database.url(), database.user(),
                database.password());
             PreparedStatement insert = connection.prepareStatement("INSERT INTO audit_record"
                     + " (seq, recorded_at, actor, action, resident_code, serial, detail) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (int sequence = 1; sequence <= 3; sequence++) {
                insert.setLong(1, sequence);
                insert.setObject(2, OffsetDateTime.ofInstant(START.plusSeconds(sequence), ZoneOffset.UTC));
                insert.setString(3, "system");
                insert.setString(4, "legacy.entry");
                insert.setString(5, sequence == 2 ? "00000000002" : null);
                insert.setString(6, sequence == 3 ? "1a2b" : null);
                insert.setString(7, "written under V4 number " + sequence);
                insert.executeUpdate();
            }
            connection.createStatement().execute("UPDATE gapless_counter SET current_value = 3 WHERE name = 'audit_record'");
        }
        store = Store.open(database);
        store.write(tx -> {
            tx.appendAudit(clock.instant(), "system", "after.upgrade", Optional.empty(), Optional.empty(), "4");
            return null;
        });

        AuditVerdict verdict = verify();

        assertThat(verdict.firstProblem()).isEmpty();
        assertThat(verdict.entries()).isEqualTo(4);
        List<ChainedAuditEntry> chained = store.read(tx -> tx.auditEntriesAfter(0, 10));
        assertThat(chained.get(0).previousHash()).isEqualTo(AuditEncoding.GENESIS_HASH);
        assertThat(chained.get(3).previousHash()).isEqualTo(chained.get(2).entryHash());
    }

    private void appendSix() {
        for (int i = 1; i <= 6; i++) {
            int number = i;
            store.write(tx -> {
                tx.appendAudit(clock.instant(), number % 2 == 0 ? "CN=Chiyoda-ku issuance system" : "system",
                        "test.action" + number, number % 3 == 0 ? Optional.of("0000000000" + number) : Optional.empty(),
                        number % 2 == 0 ? Optional.of(BigInteger.valueOf(0xabc0L + number)) : Optional.empty(),
                        "山田　太郎 entry " + number);
                return null;
            });
            clock.advance(Duration.ofSeconds(1));
        }
    }

    private AuditCheckpointer checkpointer() {
        return new AuditCheckpointer(store, auditKey, clock);
    }

    private AuditVerdict verify() {
        return new AuditChainVerifier(store, auditKey.publicKey()).verify();
    }

    private void assertFinding(AuditFinding.Kind kind, long sequence, String message) {
        AuditVerdict verdict = verify();
        assertThat(verdict.firstProblem()).contains(new AuditFinding(kind, sequence, message));
    }

    private ChainedAuditEntry entry(long sequence) {
        return store.read(tx -> tx.auditEntriesAfter(sequence - 1, 1)).get(0);
    }

    private void shiftFrom(long sequence) throws SQLException {
        sql("UPDATE audit_record SET seq = -seq WHERE seq >= " + sequence);
        sql("UPDATE audit_record SET seq = 1 - seq WHERE seq < 0");
    }

    private void insertRow(long sequence, String previousHash, String entryHash) throws SQLException {
        try (Connection connection = store.dataSource().getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO audit_record (seq, recorded_at, actor,"
                     + " action, resident_code, serial, detail, previous_hash, entry_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, sequence);
            insert.setObject(2, OffsetDateTime.ofInstant(AuditEncoding.storedPrecision(START), ZoneOffset.UTC));
            insert.setString(3, "CN=Chiyoda-ku issuance system");
            insert.setString(4, "certificate.revoke");
            insert.setString(5, "00000000001");
            insert.setString(6, null);
            insert.setString(7, "forged");
            insert.setString(8, previousHash);
            insert.setString(9, entryHash);
            insert.executeUpdate();
        }
    }

    private void sql(String statement) throws SQLException {
        try (Connection connection = store.dataSource().getConnection(); Statement sql = connection.createStatement()) {
            sql.executeUpdate(statement);
        }
    }
}
