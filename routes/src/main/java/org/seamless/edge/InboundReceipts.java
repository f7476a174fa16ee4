package org.seamless.edge;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Remembers which message ids each source has had accepted, with a digest of their content. */
@Component
public class InboundReceipts {
    private final JdbcTemplate jdbc;

    public InboundReceipts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The content digest recorded for this source's message id, if it was accepted before. */
    public Optional<String> digestOf(String sourceAgency, String messageId) {
        List<String> rows = jdbc.queryForList(
                "SELECT payload_digest FROM inbound_receipt WHERE source_agency = ? AND message_id = ?",
                String.class, sourceAgency, messageId);
        return rows.stream().findFirst();
    }

    /** Records an accepted message; a concurrent duplicate insert is harmless. */
    public void record(String sourceAgency, String messageId, String digest, String event, Instant at) {
        try {
            jdbc.update("INSERT INTO inbound_receipt (source_agency, message_id, payload_digest, event_code, received_at)"
                    + " VALUES (?, ?, ?, ?, ?)", sourceAgency, messageId, digest, event, Timestamp.from(at));
        } catch (DuplicateKeyException e) {
            // accepted twice at the same moment: the broker's duplicate detection kept one copy
        }
    }
}
