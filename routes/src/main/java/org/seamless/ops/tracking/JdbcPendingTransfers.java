package org.seamless.ops.tracking;

import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.seamless.adapters.spi.PendingTransfers;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/**
 * Messages handed to a transport that confirms later (MESH, ADR 0077), in table {@code pending_transfer}:
 * shared by every instance, deleted once the leg's final state is in the delivery journal.
 */
@Component
public class JdbcPendingTransfers implements PendingTransfers {
    private static final String COLUMNS = "agency_id, transfer_id, source_agency, message_id, replay_generation, sent_at";
    private static final RowMapper<Transfer> ROW = (rs, i) -> new Transfer(rs.getString(1), rs.getString(2),
            emptyAsNull(rs.getString(3)), rs.getString(4), rs.getInt(5), rs.getTimestamp(6).toInstant());

    private final JdbcTemplate jdbc;

    public JdbcPendingTransfers(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void sent(Transfer t) {
        try {
            jdbc.update("INSERT INTO pending_transfer (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)", t.agencyId(),
                    t.transferId(), t.sourceAgency() == null ? "" : t.sourceAgency(), t.messageId(),
                    t.replayGeneration(), Timestamp.from(t.sentAt()));
        } catch (DuplicateKeyException repeated) {
            // why: recording the same hand-over twice is harmless
        }
    }

    @Override
    public List<Transfer> pending(String agencyId, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM pending_transfer WHERE agency_id = ? ORDER BY sent_at, transfer_id"
                + " FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY", ROW, agencyId);
    }

    @Override
    public Optional<Transfer> find(String agencyId, String transferId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM pending_transfer WHERE agency_id = ? AND transfer_id = ?", ROW,
                agencyId, transferId).stream().findFirst();
    }

    @Override
    public void settled(String agencyId, String transferId) {
        jdbc.update("DELETE FROM pending_transfer WHERE agency_id = ? AND transfer_id = ?", agencyId, transferId);
    }

    private static String emptyAsNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
