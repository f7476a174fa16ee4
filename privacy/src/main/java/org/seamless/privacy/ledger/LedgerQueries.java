package org.seamless.privacy.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;

/** Read access to the ledger: one entry by key, a subject's entries, every entry in chain order, the head. */
public class LedgerQueries {
    private static final String SELECT = "SELECT " + LedgerRows.COLUMNS + " FROM ledger_entry ";

    private final DataSource dataSource;

    public LedgerQueries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The entry of a message from one source agency (message ids are unique per source only, ADR 0036). */
    public Optional<LedgerEntry> find(String source, String messageId, String recipient, int generation, EntryKind kind) {
        return list(SELECT + "WHERE source_agency = ? AND message_id = ? AND recipient_agency = ?"
                + " AND replay_generation = ? AND entry_kind = ?", source, messageId, recipient, generation, kind.name())
                .stream().findFirst();
    }

    public Optional<LedgerEntry> find(String messageId, String recipient, int generation, EntryKind kind) {
        List<LedgerEntry> found = list(SELECT + "WHERE message_id = ? AND recipient_agency = ? AND replay_generation = ?"
                + " AND entry_kind = ?", messageId, recipient, generation, kind.name());
        return found.stream().findFirst();
    }

    /**
     * Every entry about one subject (by keyed index), in chain order, following NHS number changes (ADR 0084):
     * the entries under every index linked to this one by {@link EntryKind#SUBJECT_LINK} entries, in either
     * direction and transitively, are the same person's.
     */
    public List<LedgerEntry> bySubject(String subjectIndex) {
        Set<String> indexes = linkedIndexes(subjectIndex);
        return list(SELECT + "WHERE subject_index IN (" + String.join(",", Collections.nCopies(indexes.size(), "?"))
                + ") ORDER BY seq", indexes.toArray());
    }

    /** The subject index and every index joined to it by SUBJECT_LINK entries (itself first). */
    public Set<String> linkedIndexes(String subjectIndex) {
        Set<String> found = new LinkedHashSet<>(List.of(subjectIndex));
        Deque<String> todo = new ArrayDeque<>(found);
        while (!todo.isEmpty()) {
            String next = todo.pop();
            for (LedgerEntry link : list(SELECT + "WHERE entry_kind = ? AND (subject_index = ? OR linked_subject = ?)",
                    EntryKind.SUBJECT_LINK.name(), next, next)) {
                for (String i : new String[] {link.subjectIndex(), link.linkedSubject()}) {
                    if (i != null && found.add(i)) {
                        todo.push(i);
                    }
                }
            }
        }
        return found;
    }

    /** Every entry for one message, in chain order. */
    public List<LedgerEntry> byMessage(String messageId) {
        return list(SELECT + "WHERE message_id = ? ORDER BY seq", messageId);
    }

    /** Streams every entry in chain order without holding them all in memory. */
    public void forEachInOrder(Consumer<LedgerEntry> consumer) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(SELECT + "ORDER BY seq")) {
            ps.setFetchSize(500);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    consumer.accept(LedgerRows.read(rs));
                }
            }
        } catch (SQLException e) {
            throw new LedgerException("could not read the ledger", e);
        }
    }

    /** The chain head as the database holds it: last sequence number and hash. */
    public Head head() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT last_seq, last_hash FROM ledger_head WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? new Head(rs.getLong(1), rs.getString(2)) : new Head(0, null);
        } catch (SQLException e) {
            throw new LedgerException("could not read the ledger head", e);
        }
    }

    /** The highest replay generation recorded for a message, or -1 when it has no entries. */
    public int latestGeneration(String messageId) {
        return byMessage(messageId).stream().mapToInt(LedgerEntry::replayGeneration).max().orElse(-1);
    }

    private List<LedgerEntry> list(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<LedgerEntry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(LedgerRows.read(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new LedgerException("could not query the ledger", e);
        }
    }

    /** The head row. */
    public record Head(long lastSeq, String lastHash) {
    }
}
