package jp.shomei.ca.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import jp.shomei.ca.audit.AuditEncoding;
import jp.shomei.ca.audit.ChainedAuditEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Status changes and audit entries are numbered from the gap-free counters when a write transaction's
 * work is done, not when they are appended: a transaction holds the counters only for its numbering
 * and commit, so another writer is never kept waiting by work still in progress, and numbers follow
 * the order of commits. Shown with audit entries, which need no certificate to refer to; status
 * changes are journalled the same way (their numbering is specified by the lifecycle and feed
 * specifications). Subclasses choose the database.
 */
abstract class JournalSpecification {

    private static final Instant AT = Instant.parse("2026-12-04T01:00:00Z");
    private static final long WAIT_SECONDS = 30;

    abstract DatabaseConfig newDatabase();

    Store store;

    @BeforeEach
    void openStore() {
        store = Store.open(newDatabase());
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void entriesOfOneTransactionAreNumberedInTheOrderAppendedAndChainedFromTheGenesis() {
        write(tx -> {
            audit(tx, "first");
            audit(tx, "second");
        });

        List<ChainedAuditEntry> entries = entries();
        assertThat(entries).extracting(e -> e.entry().sequence() + " " + e.entry().detail())
                .containsExactly("1 first", "2 second");
        assertThat(entries.get(0).previousHash()).isEqualTo(AuditEncoding.GENESIS_HASH);
        assertThat(entries.get(1).previousHash()).isEqualTo(entries.get(0).entryHash());
        assertThat(auditCount()).isEqualTo(2);
    }

    @Test
    void aWriteThatAppendedButHasNotFinishedDoesNotHoldUpAnotherAndIsNumberedAfterIt() throws Exception {
        CountDownLatch appended = new CountDownLatch(1);
        CountDownLatch otherCommitted = new CountDownLatch(1);
        CompletableFuture<Boolean> slow = CompletableFuture.supplyAsync(() -> store.write(tx -> {
            audit(tx, "appended first, committed second");
            appended.countDown();
            try {
                return otherCommitted.await(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }));
        assertThat(appended.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();

        write(tx -> {
            audit(tx, "appended second, committed first");
        });
        otherCommitted.countDown();

        assertThat(slow.get(WAIT_SECONDS, TimeUnit.SECONDS)).as("the other write committed while this one was open")
                .isTrue();
        assertThat(entries()).extracting(e -> e.entry().detail())
                .containsExactly("appended second, committed first", "appended first, committed second");
    }

    @Test
    void aWriteThatFailsAfterAppendingTakesNoNumber() {
        assertThatThrownBy(() -> write(tx -> {
            audit(tx, "rolled back");
            throw new IllegalStateException("the work failed");
        })).hasMessage("the work failed");
        write(tx -> audit(tx, "kept"));

        assertThat(entries()).extracting(e -> e.entry().sequence() + " " + e.entry().detail())
                .containsExactly("1 kept");
    }

    @Test
    void aNestedWriteJoinsTheOuterOneWhoseEntriesAreNumberedTogetherWhenItEnds() {
        write(outer -> {
            audit(outer, "outer before");
            write(inner -> audit(inner, "inner"));
            assertThat(outer.auditCount()).as("nothing is numbered before the outer work ends").isZero();
            audit(outer, "outer after");
        });

        assertThat(entries()).extracting(e -> e.entry().sequence() + " " + e.entry().detail())
                .containsExactly("1 outer before", "2 inner", "3 outer after");
    }

    @Test
    void aReadOnlyTransactionCannotAppend() {
        assertThatThrownBy(() -> store.read(tx -> {
            audit(tx, "refused");
            return null;
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("read-only");
    }

    private void write(Consumer<StoreTransaction> work) {
        store.write(tx -> {
            work.accept(tx);
            return null;
        });
    }

    private List<ChainedAuditEntry> entries() {
        return store.read(tx -> tx.auditEntriesAfter(0, 10));
    }

    private long auditCount() {
        return store.read(tx -> tx.auditCount());
    }

    private static void audit(StoreTransaction tx, String detail) {
        tx.appendAudit(AT, "test", "journal.test", Optional.empty(), Optional.empty(), detail);
    }
}
