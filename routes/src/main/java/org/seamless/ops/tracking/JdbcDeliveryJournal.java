package org.seamless.ops.tracking;

import java.sql.Timestamp;
import java.time.Clock;
import org.seamless.adapters.spi.DeliveryJournal;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Keeps the delivery state per (message, recipient, generation) in the {@code delivery} table. */
@Component
public class JdbcDeliveryJournal implements DeliveryJournal {
    private final JdbcTemplate jdbc;
    private final Clock clock;

    public JdbcDeliveryJournal(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void delivered(String recipient, String source, String messageId, int generation, String detail) {
        upsert(recipient, source, messageId, generation, "DELIVERED", detail);
    }

    @Override
    public void refused(String recipient, String source, String messageId, int generation, String reason) {
        upsert(recipient, source, messageId, generation, "REFUSED", reason);
    }

    @Override
    public void deadlinePassed(String recipient, String source, String messageId, int generation) {
        upsert(recipient, source, messageId, generation, "DEAD_LETTERED", DEADLINE_PASSED);
    }

    @Override
    public void undeliverable(String recipient, String source, String messageId, int generation, String reason) {
        upsert(recipient, source, messageId, generation, "UNDELIVERABLE", reason);
    }

    private void upsert(String recipient, String sourceAgency, String messageId, int generation, String state,
                        String detail) {
        String source = sourceAgency == null ? "" : sourceAgency;
        String text = detail == null ? null : detail.length() > 1000 ? detail.substring(0, 1000) : detail;
        Timestamp now = Timestamp.from(clock.instant());
        // why: portable upsert (H2 and PostgreSQL): update first, insert when nothing was there
        int updated = jdbc.update("UPDATE delivery SET state = ?, detail = ?, updated_at = ? WHERE source_agency = ?"
                + " AND message_id = ? AND recipient_agency = ? AND replay_generation = ?", state, text, now, source,
                messageId, recipient, generation);
        if (updated == 0) {
            try {
                jdbc.update("INSERT INTO delivery (source_agency, message_id, recipient_agency, replay_generation, state,"
                        + " detail, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)", source, messageId, recipient, generation,
                        state, text, now);
            } catch (org.springframework.dao.DuplicateKeyException e) {
                jdbc.update("UPDATE delivery SET state = ?, detail = ?, updated_at = ? WHERE source_agency = ?"
                        + " AND message_id = ? AND recipient_agency = ? AND replay_generation = ?", state, text, now,
                        source, messageId, recipient, generation);
            }
        }
    }
}
