package org.seamless.hub.identity;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import org.seamless.privacy.keys.FieldCipher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The subscriber's durable record of identity events ({@code identity_event}, V138): an event is inserted, and
 * the insert committed, before the subscriber answers 2xx (ADR 0084); its id is the idempotency key. The body is
 * kept encrypted (ADR 0071) so an event whose effects failed can be applied again from it.
 */
public class IdentityEventInbox {
    public static final String BODY = "identity_event.body";
    static final String RECEIVED = "RECEIVED";
    static final String DONE = "DONE";
    private final JdbcTemplate jdbc;
    private final FieldCipher cipher;
    private final Clock clock;

    public IdentityEventInbox(JdbcTemplate jdbc, FieldCipher cipher, Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** Keeps the event; false when its id was already kept (a repeat, whatever its state). */
    public boolean keep(IdentityEvent event, byte[] body) {
        try {
            return jdbc.update("INSERT INTO identity_event (event_id, event_type, received_at, state, body)"
                    + " VALUES (?, ?, ?, ?, ?)", event.id(), event.type(), Timestamp.from(clock.instant()), RECEIVED,
                    cipher.seal(BODY, new String(body, StandardCharsets.UTF_8))) == 1;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /** The event's state: {@code RECEIVED} until its effects were applied, then {@code DONE}; empty if unknown. */
    public Optional<String> state(String eventId) {
        return jdbc.queryForList("SELECT state FROM identity_event WHERE event_id = ?", String.class, eventId).stream()
                .findFirst();
    }

    /** The effects were applied: {@code outcome} is a count-only summary (no personal data). */
    public void done(String eventId, String outcome) {
        jdbc.update("UPDATE identity_event SET state = ?, outcome = ?, done_at = ? WHERE event_id = ?", DONE, outcome,
                Timestamp.from(clock.instant()), eventId);
    }
}
