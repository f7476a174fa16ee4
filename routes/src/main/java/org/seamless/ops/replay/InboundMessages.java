package org.seamless.ops.replay;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import org.seamless.privacy.keys.FieldCipher;
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
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final FieldCipher cipher;

    public InboundMessages(JdbcTemplate jdbc, Clock clock, FieldCipher cipher) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.cipher = cipher;
    }

    /** Keeps the message unless it is already kept (a redelivery or a replay). */
    public void keep(String sourceAgency, String messageId, String eventCode, String canonicalJson) {
        try {
            jdbc.update("INSERT INTO inbound_message (source_agency, message_id, event_code, received_at, payload)"
                    + " VALUES (?, ?, ?, ?, ?)", sourceAgency, messageId, eventCode, Timestamp.from(clock.instant()),
                    cipher.seal(PAYLOAD, canonicalJson.getBytes(StandardCharsets.UTF_8)));
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
