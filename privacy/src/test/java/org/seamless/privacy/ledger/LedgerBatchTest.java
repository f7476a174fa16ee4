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
    void aSecondBatchOnOneThreadIsRefused() {
        ledger.openBatch();
        assertThatThrownBy(ledger::openBatch).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void batchesAndSingleAppendsRacingFromEightThreadsFormOneGaplessChain() throws Exception {
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
