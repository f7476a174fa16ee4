package org.seamless.ops.replay;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import org.seamless.ledger.BatchRows;
import org.seamless.privacy.keys.FieldCipher;
import org.seamless.privacy.ledger.JdbcLedger;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The canonical messages the hub has consumed, by (source agency, message id), kept for operator replay. The
 * payload is stored encrypted (ADR 0071).
 */
@Component
public class InboundMessages {
    public static final String PAYLOAD = "inbound_message.payload";
    private static final String INSERT = "INSERT INTO inbound_message (source_agency, message_id, event_code,"
            + " received_at, payload) VALUES (?, ?, ?, ?, ?)";
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final FieldCipher cipher;
    private final JdbcLedger ledger;

    /** Writes every message at once. */
    public InboundMessages(JdbcTemplate jdbc, Clock clock, FieldCipher cipher) {
        this(jdbc, clock, cipher, (JdbcLedger) null);
    }

    /** @param ledger when not null, a message kept on a hub step's thread is written in the step's batch */
    @Autowired
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
        Timestamp at = Timestamp.from(clock.instant());
        byte[] sealed = cipher.seal(PAYLOAD, canonicalJson.getBytes(StandardCharsets.UTF_8));
        if (ledger != null && ledger.deferWrite(c -> {
            if (!BatchRows.exists(c, "SELECT 1 FROM inbound_message WHERE source_agency = ? AND message_id = ?",
                    sourceAgency, messageId)) {
                BatchRows.insert(c, INSERT, sourceAgency, messageId, eventCode, at, sealed);
            }
        })) {
            return;
        }
        try {
            jdbc.update(INSERT, sourceAgency, messageId, eventCode, at, sealed);
        } catch (DuplicateKeyException e) {
            // already kept by an earlier attempt, or this is a replay of it
        }
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
