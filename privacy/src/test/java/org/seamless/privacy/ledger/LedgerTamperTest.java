package org.seamless.privacy.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tampering with any ledger row (update, delete, reorder, truncate) is detected and pinpointed. */
class LedgerTamperTest {
    private JdbcDataSource ds;
    private JdbcLedger ledger;
    private LedgerQueries queries;
    private LedgerVerifier verifier;
    @TempDir
    Path dir;

    @BeforeEach
    void setUp() {
        TestLedger t = TestLedger.create("ledger");
        ds = t.ds();
        ledger = t.ledger();
        queries = t.queries();
        verifier = t.verifier();
    }

    @Test
    void anUntouchedLedgerVerifiesAndAppendsAreIdempotent() {
        appendTen();
        LedgerEntry again = ledger.append(draft(4, EntryKind.DECISION));
        assertThat(again.seq()).isEqualTo(4);
        VerificationResult r = verifier.verify(List.of());
        assertThat(r.intact()).as(r.describe()).isTrue();
        assertThat(r.entries()).isEqualTo(10);
    }

    @Test
    void anUpdatedRowIsPinpointed() throws Exception {
        appendTen();
        sql("UPDATE ledger_entry SET legal_basis = 'something else' WHERE seq = 6");
        assertBrokenAt(6, "hash mismatch");
    }

    @Test
    void aDeletedRowIsPinpointed() throws Exception {
        appendTen();
        sql("DELETE FROM ledger_entry WHERE seq = 4");
        assertBrokenAt(4, "missing");
    }

    @Test
    void reorderedRowsArePinpointed() throws Exception {
        appendTen();
        sql("UPDATE ledger_entry SET seq = 1000 WHERE seq = 3");
        sql("UPDATE ledger_entry SET seq = 3 WHERE seq = 4");
        sql("UPDATE ledger_entry SET seq = 4 WHERE seq = 1000");
        assertBrokenAt(3, "hash mismatch");
    }

    @Test
    void aDeletedTailIsCaughtByTheHeadAndThenBySignedCheckpoints() throws Exception {
        appendTen();
        KeyPair keys = CheckpointKeys.loadOrCreate(dir.resolve("keys/checkpoint.pk8"));
        CheckpointStore store = new CheckpointStore(dir.resolve("checkpoints"));
        store.write(queries.head(), Instant.now(), keys.getPrivate());
        assertThat(verifier.verify(store.readVerified(keys.getPublic())).intact()).isTrue();

        sql("DELETE FROM ledger_entry WHERE seq > 8");
        assertBrokenAt(9, "head");
        // the attacker rewinds the head too: only the checkpoint outside the database still knows
        String hash8 = queries.byMessage("m-8").get(0).entryHash();
        sql("UPDATE ledger_head SET last_seq = 8, last_hash = '" + hash8 + "' WHERE id = 1");
        assertThat(verifier.verify(List.of()).intact()).isTrue();
        VerificationResult r = verifier.verify(store.readVerified(keys.getPublic()));
        assertThat(r.firstBrokenSeq()).contains(9L);
        assertThat(r.problem().orElseThrow()).contains("tail was deleted");
    }

    @Test
    void aForgedOrAlteredCheckpointIsRefused() throws Exception {
        appendTen();
        KeyPair keys = CheckpointKeys.loadOrCreate(dir.resolve("keys/checkpoint.pk8"));
        KeyPair other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        CheckpointStore store = new CheckpointStore(dir.resolve("checkpoints"));
        store.write(queries.head(), Instant.now(), other.getPrivate());
        assertThatThrownBy(() -> store.readVerified(keys.getPublic())).hasMessageContaining("invalid signature");

        CheckpointStore good = new CheckpointStore(dir.resolve("good"));
        good.write(queries.head(), Instant.now(), keys.getPrivate());
        Path file;
        try (var files = Files.list(good.dir())) {
            file = files.filter(f -> f.getFileName().toString().startsWith("checkpoint-")).findFirst().orElseThrow();
        }
        Files.writeString(file, Files.readString(file).replace("entries=10", "entries=9"));
        assertThatThrownBy(() -> good.readVerified(keys.getPublic())).hasMessageContaining("invalid signature");
        assertThat(CheckpointKeys.loadOrCreate(dir.resolve("keys/checkpoint.pk8")).getPublic())
                .isEqualTo(keys.getPublic());
    }

    @Test
    void concurrentAppendsFormOneGaplessChain() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        ledger.append(draft(thread * 1000 + i, EntryKind.DECISION));
                        ledger.append(draft(thread * 1000 + i, EntryKind.RELEASE));
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        VerificationResult r = verifier.verify(List.of());
        assertThat(r.intact()).as(r.describe()).isTrue();
        assertThat(r.entries()).isEqualTo(400);
    }

    @Test
    void rowsCarriedOverFromTheDisclosureTableAreChainedOnce() throws Exception {
        JdbcDataSource old = new JdbcDataSource();
        old.setURL("jdbc:h2:mem:ledger-old-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(old).locations("classpath:db/migration").target(MigrationVersion.fromVersion("2"))
                .load().migrate();
        try (Connection c = old.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO disclosure (message_id, recipient_agency, replay_generation, event_code, source_agency,"
                    + " subject_index, outcome, rule_id, decided_at, recorded_at) VALUES ('old-1', 'la', 0,"
                    + " 'discharge-notice', 'trust', 'abc', 'RELEASE_IDENTIFIABLE', 'r1', CURRENT_TIMESTAMP,"
                    + " CURRENT_TIMESTAMP)");
        }
        Flyway.configure().dataSource(old).locations("classpath:db/migration").load().migrate();
        byte[] key = new byte[32];
        ChainHasher hasher = new ChainHasher(key);
        JdbcLedger carried = new JdbcLedger(old, hasher);
        LedgerVerifier check = new LedgerVerifier(new LedgerQueries(old), hasher);
        assertThat(check.verify(List.of()).problem()).hasValueSatisfying(p -> assertThat(p).contains("no chain hash"));

        carried.sealCarriedOverEntries();
        carried.append(draft(1, EntryKind.DECISION));
        VerificationResult r = check.verify(List.of());
        assertThat(r.intact()).as(r.describe()).isTrue();
        assertThat(r.entries()).isEqualTo(2);
        try (Connection c = old.getConnection(); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT COUNT(*) FROM disclosure WHERE message_id = 'old-1'")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }

    private void assertBrokenAt(long seq, String why) {
        VerificationResult r = verifier.verify(List.of());
        assertThat(r.intact()).isFalse();
        assertThat(r.firstBrokenSeq()).contains(seq);
        assertThat(r.problem().orElseThrow()).contains(why);
        assertThat(r.describe()).contains("BROKEN at entry " + seq);
    }

    private void appendTen() {
        for (int i = 1; i <= 10; i++) {
            assertThat(ledger.append(draft(i, EntryKind.DECISION)).seq()).isEqualTo(i);
        }
    }

    private void sql(String statement) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    static LedgerEntry draft(int n, EntryKind kind) {
        Instant t = LedgerEntry.stored(Instant.now());
        return new LedgerEntry(0, kind, "m-" + n, "demo-la", 0, "discharge-notice", "demo-trust", "subject-" + (n % 3),
                "RELEASE_IDENTIFIABLE", "adw-discharge-notice", "direct-care", "HSCA 2012 s251B", null, null,
                "MessageHeader,Patient", "d" + n, t, t, null);
    }
}
