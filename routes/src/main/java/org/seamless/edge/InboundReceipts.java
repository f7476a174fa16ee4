package org.seamless.edge;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Remembers which message ids each source has had accepted, with a digest of their content.
 * The receipt times of the last {@value #RECENT} messages this instance accepted are also held in
 * memory, so that the hub's acknowledgement of a recent message measures its latency without a
 * database read; an older message, or one another instance accepted, is read from the table.
 */
@Component
public class InboundReceipts {
    /** How many recent receipt times are held in memory (about 2 MB at most). */
    static final int RECENT = 16_384;
    private final JdbcTemplate jdbc;
    private final Map<String, Instant> recent = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
            return size() > RECENT;
        }
    };

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
        // why: the precision both databases store, so the time held in memory is the time the table holds
        Instant stored = at.truncatedTo(ChronoUnit.MICROS);
        try {
            jdbc.update("INSERT INTO inbound_receipt (source_agency, message_id, payload_digest, event_code, received_at)"
                    + " VALUES (?, ?, ?, ?, ?)", sourceAgency, messageId, digest, event, Timestamp.from(stored));
        } catch (DuplicateKeyException e) {
            // accepted twice at the same moment: the broker's duplicate detection kept one copy
            return;
        }
        synchronized (recent) {
            recent.put(key(sourceAgency, messageId), stored);
        }
    }

    /** When this source's message was accepted at the edge; empty when it never was. */
    public Optional<Instant> receivedAt(String sourceAgency, String messageId) {
        Instant held;
        synchronized (recent) {
            held = recent.get(key(sourceAgency, messageId));
        }
        if (held != null) {
            return Optional.of(held);
        }
        List<Timestamp> rows = jdbc.queryForList(
                "SELECT received_at FROM inbound_receipt WHERE source_agency = ? AND message_id = ?",
                Timestamp.class, sourceAgency, messageId);
        return rows.stream().findFirst().map(Timestamp::toInstant);
    }

    private static String key(String sourceAgency, String messageId) {
        return sourceAgency + '\n' + messageId;
    }
}
