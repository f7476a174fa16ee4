package org.seamless.privacy.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.seamless.privacy.ledger.LedgerTamperTest.draft;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Several entries appended in one transaction (ADR 0093): one stretch of the chain in the order given,
 * idempotent like single appends, all or none, and a thread's batch queues only until it is flushed.
 */
class LedgerBatchTest {
    private TestLedger t;
    private JdbcLedger ledger;

    @BeforeEach
    void setUp() {
        t = TestLedger.create("ledger-batch");
        ledger = t.ledger();
    }

    @AfterEach
    void closeBatch() {
        ledger.closeBatch();
    }

    @Test
    void appendAllChainsTheDraftsInOrderAndRepeatsGiveTheStoredEntries() {
        ledger.append(draft(1, EntryKind.DECISION));
        List<LedgerEntry> stored = ledger.appendAll(List.of(draft(2, EntryKind.DECISION), draft(1, EntryKind.DECISION),
                draft(2, EntryKind.RELEASE), draft(2, EntryKind.DECISION)));

        assertThat(stored).extracting(LedgerEntry::seq).containsExactly(2L, 1L, 3L, 2L);
        assertThat(stored.get(2).kind()).isEqualTo(EntryKind.RELEASE);
        assertThat(ledger.append(draft(3, EntryKind.DECISION)).seq()).isEqualTo(4);
        VerificationResult r = t.verifier().verify(List.of());
        assertThat(r.intact()).as(r.describe()).isTrue();
        assertThat(r.entries()).isEqualTo(4);
    }

    @Test
    void aBatchTheDatabaseRefusesAppendsNothing() throws Exception {
        ledger.append(draft(1, EntryKind.DECISION));
        sql("ALTER TABLE ledger_entry ADD CONSTRAINT no_m9 CHECK (message_id <> 'm-9')");

        assertThatThrownBy(() -> ledger.appendAll(List.of(draft(2, EntryKind.DECISION), draft(9, EntryKind.DECISION))))
                .isInstanceOf(LedgerException.class).hasMessageContaining("2 entries");

        assertThat(t.queries().find("demo-trust", "m-2", "demo-la", 0, EntryKind.DECISION)).isEmpty();
        assertThat(ledger.append(draft(3, EntryKind.DECISION)).seq()).isEqualTo(2);
        assertThat(t.verifier().verify(List.of()).intact()).isTrue();
    }

    @Test
    void anOpenBatchQueuesUntilFlushedAndAClosedOneDropsWhatItHeld() {
        ledger.openBatch();
        ledger.appendOrDefer(draft(1, EntryKind.DECISION));
        ledger.appendOrDefer(draft(1, EntryKind.RELEASE));
        assertThat(ledger.queued()).isEqualTo(2);
        assertThat(t.queries().find("demo-trust", "m-1", "demo-la", 0, EntryKind.DECISION)).isEmpty();
        // another thread has no batch: its appends are immediate and take the next places in the chain
        assertThat(onAnotherThread(() -> {
            ledger.appendOrDefer(draft(7, EntryKind.DECISION));
            return ledger.queued();
        })).isZero();

        assertThat(ledger.flushBatch()).extracting(LedgerEntry::seq).containsExactly(2L, 3L);
        assertThat(ledger.queued()).isZero();
        assertThat(ledger.flushBatch()).isEmpty();

        ledger.appendOrDefer(draft(2, EntryKind.DECISION));
        ledger.closeBatch();
        assertThat(ledger.queued()).isZero();
        assertThat(t.queries().find("demo-trust", "m-2", "demo-la", 0, EntryKind.DECISION)).isEmpty();
        ledger.appendOrDefer(draft(3, EntryKind.DECISION)); // no batch open: appended at once
        assertThat(t.queries().find("demo-trust", "m-3", "demo-la", 0, EntryKind.DECISION)).isPresent();
        assertThat(t.verifier().verify(List.of()).entries()).isEqualTo(4);
    }

    @Test
    void writesQueuedInABatchRunInTheFlushTransactionBeforeTheEntries() throws Exception {
        sql("CREATE TABLE step_row (k INT PRIMARY KEY, after_head BIGINT)");
        assertThat(ledger.deferWrite(c -> insertRow(c, 0))).as("no batch open: nothing queued").isFalse();
        ledger.openBatch();
        assertThat(ledger.deferWrite(c -> insertRow(c, 1))).isTrue();
        ledger.appendOrDefer(draft(1, EntryKind.DECISION));
        assertThat(ledger.deferWrite(c -> insertRow(c, 2))).isTrue();
        assertThat(ledger.queued()).isEqualTo(3);
        assertThat(count("SELECT COUNT(*) FROM step_row")).isZero();

        assertThat(ledger.flushBatch()).extracting(LedgerEntry::seq).containsExactly(1L);

        assertThat(ledger.queued()).isZero();
        // both rows were written before the entry was chained: the head they saw was the old one
        assertThat(count("SELECT COUNT(*) FROM step_row WHERE after_head = 0")).isEqualTo(2);
        assertThat(ledger.flushBatch()).isEmpty();
        ledger.deferWrite(c -> insertRow(c, 3));
        ledger.closeBatch();
        assertThat(count("SELECT COUNT(*) FROM step_row WHERE k = 3")).as("a closed batch drops its writes").isZero();
        // a batch holding only writes flushes them too
        ledger.openBatch();
        ledger.deferWrite(c -> insertRow(c, 4));
        assertThat(ledger.flushBatch()).isEmpty();
        assertThat(count("SELECT COUNT(*) FROM step_row WHERE k = 4")).isEqualTo(1);
    }

    @Test
    void aFlushIsAllOrNoneForItsWritesAndItsEntries() throws Exception {
        sql("CREATE TABLE step_row (k INT PRIMARY KEY, after_head BIGINT)");
        sql("ALTER TABLE ledger_entry ADD CONSTRAINT no_m9 CHECK (message_id <> 'm-9')");
        ledger.openBatch();
        ledger.deferWrite(c -> insertRow(c, 1));
        ledger.appendOrDefer(draft(9, EntryKind.DECISION));
        assertThatThrownBy(ledger::flushBatch).isInstanceOf(LedgerException.class);
        assertThat(count("SELECT COUNT(*) FROM step_row")).as("the refused entry took the write with it").isZero();
        ledger.closeBatch();

        ledger.openBatch();
        ledger.appendOrDefer(draft(2, EntryKind.DECISION));
        ledger.deferWrite(c -> {
            throw new java.sql.SQLException("refused write");
        });
        assertThatThrownBy(ledger::flushBatch).isInstanceOf(LedgerException.class)
                .hasMessageContaining("a DECISION entry for message m-2");
        assertThat(t.queries().find("demo-trust", "m-2", "demo-la", 0, EntryKind.DECISION))
                .as("the refused write took the entry with it").isEmpty();
        assertThat(t.verifier().verify(List.of()).entries()).isZero();
    }

    @Test
    void aSecondBatchOnOneThreadIsRefused() {
        ledger.openBatch();
        assertThatThrownBy(ledger::openBatch).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void batchesAndSingleAppendsRacingFromEightThreadsFormOneGaplessChain() throws Exception {
        sql("CREATE TABLE step_row (k INT PRIMARY KEY, after_head BIGINT)");
        int threads = 8;
        int rounds = 60;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int th = 0; th < threads; th++) {
                int thread = th;
                futures.add(pool.submit(() -> {
                    Random random = new Random(thread);
                    int appended = 0;
                    for (int i = 0; i < rounds; i++) {
                        // keys from a shared pool of 300, so threads repeat each other's entries and their own
                        int n = random.nextInt(300);
                        if (random.nextBoolean()) {
                            ledger.openBatch();
                            try {
                                // a step's own row, checked then inserted as the hub's writes are (ADR 0098)
                                ledger.deferWrite(c -> insertRowOnce(c, n));
                                ledger.appendOrDefer(draft(n, EntryKind.ROUTING));
                                ledger.appendOrDefer(draft(n, EntryKind.DECISION));
                                ledger.appendOrDefer(draft(n, EntryKind.RELEASE));
                                appended += ledger.flushBatch().size();
                            } finally {
                                ledger.closeBatch();
                            }
                        } else {
                            ledger.append(draft(n, EntryKind.DECISION));
                            appended++;
                        }
                    }
                    return appended;
                }));
            }
            for (Future<Integer> f : futures) {
                assertThat(f.get()).isPositive();
            }
        } finally {
            pool.shutdown();
        }
        VerificationResult r = t.verifier().verify(List.of());
        assertThat(r.intact()).as(r.describe()).isTrue();
        int distinct;
        try (Connection c = t.ds().getConnection(); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT COUNT(*), COUNT(DISTINCT message_id || entry_kind), MAX(seq)"
                     + " FROM ledger_entry")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(rs.getInt(2)); // no key twice
            assertThat(rs.getLong(3)).isEqualTo(rs.getInt(1)); // no gap
            distinct = rs.getInt(1);
        }
        assertThat(r.entries()).isEqualTo(distinct);
        // every batch's row is there once, whichever thread's check-then-insert won
        assertThat(count("SELECT COUNT(*) FROM step_row")).isEqualTo(count("SELECT COUNT(DISTINCT message_id)"
                + " FROM ledger_entry WHERE entry_kind = 'ROUTING'"));
    }

    private static void insertRow(Connection c, int k) throws java.sql.SQLException {
        try (var ps = c.prepareStatement("INSERT INTO step_row (k, after_head) SELECT ?, last_seq FROM ledger_head")) {
            ps.setInt(1, k);
            ps.executeUpdate();
        }
    }

    private static void insertRowOnce(Connection c, int k) throws java.sql.SQLException {
        try (var ps = c.prepareStatement("SELECT 1 FROM step_row WHERE k = ?")) {
            ps.setInt(1, k);
            try (var rs = ps.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
        }
        insertRow(c, k);
    }

    private int count(String query) throws Exception {
        try (Connection c = t.ds().getConnection(); Statement s = c.createStatement(); var rs = s.executeQuery(query)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private void sql(String statement) throws Exception {
        try (Connection c = t.ds().getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private static <T> T onAnotherThread(java.util.concurrent.Callable<T> work) {
        ExecutorService one = Executors.newSingleThreadExecutor();
        try {
            return one.submit(work).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            one.shutdown();
        }
    }
}
