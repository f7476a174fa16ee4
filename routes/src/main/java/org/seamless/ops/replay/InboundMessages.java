package org.seamless.ops.replay;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import org.seamless.ledger.BatchRows;
import org.seamless.privacy.keys.FieldCipher;
import org.seamless.privacy.ledger.JdbcLedger;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The canonical messages the hub has consumed, by (source agency, message id), kept for operator replay. The
 * payload is stored encrypted (ADR 0071).
 */
@Component
public class InboundMessages {
    public static final String PAYLOAD = "inbound_message.payload";
    private static final String SEEN = "SELECT 1 FROM inbound_message WHERE source_agency = ? AND message_id = ?";
    private static final String INSERT = "INSERT INTO inbound_message (source_agency, message_id, event_code,"
            + " received_at, payload) VALUES (?, ?, ?, ?, ?)";
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final FieldCipher cipher;
    private final JdbcLedger ledger;

    /** @param ledger when not null, a message kept on a hub step's thread is written in the step's batch */
    public InboundMessages(JdbcTemplate jdbc, Clock clock, FieldCipher cipher, JdbcLedger ledger) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.cipher = cipher;
        this.ledger = ledger;
    }

    /**
     * Keeps the message unless it is already kept (a redelivery or a replay). On a hub step's thread the row
     * is written with the step's ledger entries, in their transaction (ADR 0098); elsewhere at once.
     */
    public void keep(String sourceAgency, String messageId, String eventCode, String canonicalJson) {
        // why no error on a repeat: it is kept already, by an earlier attempt, or this is a replay of it
        BatchRows.insertOnce(ledger, jdbc, SEEN, new Object[] {sourceAgency, messageId}, INSERT, sourceAgency,
                messageId, eventCode, Timestamp.from(clock.instant()),
                cipher.seal(PAYLOAD, canonicalJson.getBytes(StandardCharsets.UTF_8)));
    }

    /** Every kept message with this id (normally one; ids are unique per source agency). */
    public List<Kept> find(String messageId) {
        return jdbc.query("SELECT source_agency, payload FROM inbound_message WHERE message_id = ?",
                (rs, i) -> new Kept(rs.getString(1), new String(cipher.open(PAYLOAD, rs.getBytes(2)),
                        StandardCharsets.UTF_8)), messageId);
    }

    /** One kept message. */
    public record Kept(String sourceAgency, String canonicalJson) {
        @Override
        public String toString() {
            return "Kept[source=" + sourceAgency + "]";
        }
    }
}
