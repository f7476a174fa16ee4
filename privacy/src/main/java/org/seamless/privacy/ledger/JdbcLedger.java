package org.seamless.privacy.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The append-only, hash-chained ledger over JDBC (H2 and PostgreSQL). Each append runs in one
 * database transaction that locks the chain head row ({@code SELECT ... FOR UPDATE}), so
 * concurrent appenders are serialised and every entry commits to its predecessor. An append is
 * idempotent on (source, message id, recipient, replay generation, kind): a repeat returns the stored
 * entry. The source is part of the key because message ids are unique per sender only (ADR 0036).
 *
 * <p>Several drafts can be appended in one transaction under one lock of the head ({@link #appendAll}),
 * in order, as one stretch of the chain. A thread can also open a batch ({@link #openBatch}): while it
 * is open, {@link #appendOrDefer} queues its drafts instead of appending them, and {@link #flushBatch}
 * appends everything queued in one transaction (ADR 0093). The hub's inbound step uses this, flushing
 * before its broker transaction commits. While a batch is open, the step's other database writes can be
 * queued in it too ({@link #deferWrite}): the flush runs them in the same transaction, before the
 * entries, so the step commits its rows once (ADR 0098).
 */
public class JdbcLedger {
    private static final String LOCK_HEAD = "SELECT last_seq, last_hash FROM ledger_head WHERE id = 1 FOR UPDATE";
    private static final String FIND = "SELECT " + LedgerRows.COLUMNS + " FROM ledger_entry WHERE message_id = ?"
            + " AND recipient_agency = ? AND replay_generation = ? AND entry_kind = ? AND COALESCE(source_agency, '') = ?";
    private static final int ATTEMPTS = 5;

    private final DataSource dataSource;
    private final ChainHasher hasher;
    private final ThreadLocal<Batch> batch = new ThreadLocal<>();

    /** A thread's open batch: the drafts it queued, and the writes to run before them. */
    private record Batch(List<LedgerEntry> drafts, List<BatchWrite> writes) {
        int size() {
            return drafts.size() + writes.size();
        }
    }

    /**
     * A database write that belongs to the step holding a batch, run on the batch's connection inside its
     * transaction. It may run more than once (a flush that fails is retried whole) and must leave the rows
     * as one run would: check before it inserts, never rely on a refused insert (PostgreSQL aborts the
     * transaction on one).
     */
    @FunctionalInterface
    public interface BatchWrite {
        void run(Connection c) throws SQLException;
    }

    public JdbcLedger(DataSource dataSource, ChainHasher hasher) {
        this.dataSource = Objects.requireNonNull(dataSource);
        this.hasher = Objects.requireNonNull(hasher);
    }

    /** Appends {@code draft} (its seq and hash are ignored) unless its key is already there; returns the stored entry. */
    public LedgerEntry append(LedgerEntry draft) {
        return appendAll(List.of(draft)).get(0);
    }

    /**
     * Appends the drafts in order in one transaction under one lock of the head; each is idempotent as
     * {@link #append} is (a draft whose key is stored already, or repeated in the list, gives the stored
     * entry). Returns the stored entry of each draft, in order. All or none are appended.
     */
    public List<LedgerEntry> appendAll(List<LedgerEntry> drafts) {
        if (drafts.isEmpty()) {
            return List.of();
        }
        return appendAll(drafts, List.of());
    }

    private List<LedgerEntry> appendAll(List<LedgerEntry> drafts, List<BatchWrite> before) {
        SQLException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try (Connection c = dataSource.getConnection()) {
                return inTransaction(c, () -> {
                    // why before the head is locked: the head stays locked only while the entries are chained
                    for (BatchWrite w : before) {
                        w.run(c);
                    }
                    return drafts.isEmpty() ? List.<LedgerEntry>of() : appendAllLocked(c, drafts);
                });
            } catch (SQLException e) {
                last = e; // why: lock timeouts and serialisation failures are transient; anything else repeats too
            }
        }
        if (drafts.isEmpty()) {
            throw new LedgerException("could not write the " + before.size() + " rows of a ledger batch", last);
        }
        LedgerEntry first = drafts.get(0);
        throw new LedgerException(drafts.size() == 1
                ? "could not append a " + first.kind() + " entry for message " + first.messageId()
                : "could not append " + drafts.size() + " entries, the first a " + first.kind() + " entry for message "
                        + first.messageId(), last);
    }

    /**
     * Opens a batch for the calling thread: until {@link #closeBatch}, {@link #appendOrDefer} queues drafts
     * and {@link #flushBatch} appends them. The caller must flush before it commits anything that depends on
     * the entries (the hub flushes before its broker transaction commits), and close in every case.
     */
    public void openBatch() {
        if (batch.get() != null) {
            throw new IllegalStateException("a ledger batch is already open on this thread");
        }
        batch.set(new Batch(new ArrayList<>(), new ArrayList<>()));
    }

    /**
     * Queues {@code write} in the calling thread's batch, to run in the flush's transaction before the
     * entries; returns false, queuing nothing, when the thread has no batch open (the caller writes at once).
     */
    public boolean deferWrite(BatchWrite write) {
        Objects.requireNonNull(write);
        Batch open = batch.get();
        if (open == null) {
            return false;
        }
        open.writes().add(write);
        return true;
    }

    /** Queues the draft when the calling thread has a batch open; appends it at once otherwise. */
    public void appendOrDefer(LedgerEntry draft) {
        Batch open = batch.get();
        if (open == null) {
            append(draft);
        } else {
            open.drafts().add(draft);
        }
    }

    /**
     * Runs the writes and appends the drafts the calling thread's batch has queued, in one transaction; the
     * batch stays open, empty. Returns the stored entries.
     */
    public List<LedgerEntry> flushBatch() {
        Batch open = batch.get();
        if (open == null || open.size() == 0) {
            return List.of();
        }
        List<LedgerEntry> stored = appendAll(List.copyOf(open.drafts()), List.copyOf(open.writes()));
        open.drafts().clear();
        open.writes().clear();
        return stored;
    }

    /** How many drafts and writes the calling thread's batch holds unflushed (0 when none is open). */
    public int queued() {
        Batch open = batch.get();
        return open == null ? 0 : open.size();
    }

    /** Closes the calling thread's batch; anything still queued is dropped (its step is rolled back and repeats). */
    public void closeBatch() {
        batch.remove();
    }

    private List<LedgerEntry> appendAllLocked(Connection c, List<LedgerEntry> drafts) throws SQLException {
        Head head = lockHead(c);
        List<LedgerEntry> stored = new ArrayList<>(drafts.size());
        Head start = head;
        for (LedgerEntry draft : drafts) {
            LedgerEntry existing = find(c, draft);
            if (existing != null) {
                stored.add(existing); // already recorded by an earlier attempt of this same step
                continue;
            }
            if (head.lastHash == null && head.lastSeq > 0) {
                head = sealUnchained(c);
            }
            long seq = head.lastSeq + 1;
            LedgerEntry numbered = draft.withSeqAndHash(seq, null);
            LedgerEntry entry = numbered.withSeqAndHash(seq, hasher.hash(head.previous(), numbered));
            try (PreparedStatement ps = c.prepareStatement(LedgerRows.INSERT)) {
                LedgerRows.bind(ps, entry);
                ps.executeUpdate();
            }
            head = new Head(seq, entry.entryHash());
            stored.add(entry);
        }
        if (head != start) {
            moveHead(c, head.lastSeq, head.lastHash);
        }
        return stored;
    }

    private static LedgerEntry find(Connection c, LedgerEntry draft) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(FIND)) {
            ps.setString(1, draft.messageId());
            ps.setString(2, draft.recipient());
            ps.setInt(3, draft.replayGeneration());
            ps.setString(4, draft.kind().name());
            ps.setString(5, draft.sourceAgency() == null ? "" : draft.sourceAgency());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? LedgerRows.read(rs) : null;
            }
        }
    }

    /** Chains entries carried over without a hash (from the pre-ledger disclosure table). Returns the new head. */
    public void sealCarriedOverEntries() {
        try (Connection c = dataSource.getConnection()) {
            inTransaction(c, () -> {
                lockHead(c);
                return sealUnchained(c);
            });
        } catch (SQLException e) {
            throw new LedgerException("could not chain carried-over ledger entries", e);
        }
    }

    private Head sealUnchained(Connection c) throws SQLException {
        List<LedgerEntry> all = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + LedgerRows.COLUMNS + " FROM ledger_entry ORDER BY seq");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                all.add(LedgerRows.read(rs));
            }
        }
        String previous = ChainHasher.GENESIS;
        long lastSeq = 0;
        for (LedgerEntry e : all) {
            if (e.entryHash() == null) {
                String hash = hasher.hash(previous, e);
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE ledger_entry SET entry_hash = ? WHERE seq = ? AND entry_hash IS NULL")) {
                    ps.setString(1, hash);
                    ps.setLong(2, e.seq());
                    ps.executeUpdate();
                }
                previous = hash;
            } else {
                previous = e.entryHash();
            }
            lastSeq = e.seq();
        }
        if (lastSeq > 0) {
            moveHead(c, lastSeq, previous);
        }
        return new Head(lastSeq, lastSeq == 0 ? null : previous);
    }

    private static Head lockHead(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(LOCK_HEAD); ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("ledger_head row missing: the ledger migration has not run", "55000");
            }
            return new Head(rs.getLong(1), rs.getString(2));
        }
    }

    private static void moveHead(Connection c, long seq, String hash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE ledger_head SET last_seq = ?, last_hash = ? WHERE id = 1")) {
            ps.setLong(1, seq);
            ps.setString(2, hash);
            ps.executeUpdate();
        }
    }

    private static <T> T inTransaction(Connection c, SqlWork<T> work) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            T result = work.run();
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    private interface SqlWork<T> {
        T run() throws SQLException;
    }

    private record Head(long lastSeq, String lastHash) {
        String previous() {
            return lastHash == null ? ChainHasher.GENESIS : lastHash;
        }
    }
}
