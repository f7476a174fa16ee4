package org.seamless.ops.tracking;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Messages without a final state (ADR 0040): an accepted inbound message with no decision on record
 * for any recipient, not quarantined by the hub, and (for a consent-update) not applied or refused;
 * and a released leg with no delivery state. Only routing facts are listed, never content.
 */
@Component
public class UnsettledMessages {
    private static final int MAX = 500;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    public UnsettledMessages(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** One message or leg without a final state. */
    public record Unsettled(String kind, String messageId, String source, String recipient, String event,
                            java.time.Instant since) {
    }

    /** Everything older than {@code age} that has no final state, oldest first (at most 500 of each kind). */
    public List<Unsettled> olderThan(Duration age) {
        Timestamp cutoff = Timestamp.from(clock.instant().minus(age));
        List<Unsettled> out = new ArrayList<>();
        for (Map<String, Object> r : jdbc.queryForList("SELECT r.message_id, r.source_agency, r.event_code,"
                + " r.received_at FROM inbound_receipt r WHERE r.received_at < ?"
                + " AND NOT EXISTS (SELECT 1 FROM disclosure d WHERE d.message_id = r.message_id)"
                + " AND NOT EXISTS (SELECT 1 FROM quarantine q WHERE q.message_id = r.message_id"
                + "   AND q.source_agency = r.source_agency)"
                + " AND NOT EXISTS (SELECT 1 FROM consent_receipt c WHERE c.receipt_id = r.message_id"
                + "   AND c.source_agency = r.source_agency AND c.status IN ('applied', 'refused'))"
                + " ORDER BY r.received_at", cutoff)) {
            out.add(new Unsettled("undecided", (String) r.get("message_id"), (String) r.get("source_agency"), null,
                    (String) r.get("event_code"), instant(r.get("received_at"))));
            if (out.size() >= MAX) {
                break;
            }
        }
        int undecided = out.size();
        for (Map<String, Object> r : jdbc.queryForList("SELECT l.message_id, l.source_agency, l.recipient_agency,"
                + " l.event_code, l.occurred_at FROM ledger_entry l WHERE l.entry_kind = 'RELEASE' AND l.occurred_at < ?"
                + " AND NOT EXISTS (SELECT 1 FROM delivery d WHERE d.message_id = l.message_id"
                + "   AND d.recipient_agency = l.recipient_agency AND d.replay_generation = l.replay_generation)"
                + " AND NOT EXISTS (SELECT 1 FROM ledger_entry a WHERE a.entry_kind = 'ACKNOWLEDGEMENT'"
                + "   AND a.message_id = l.message_id AND a.recipient_agency = l.recipient_agency"
                + "   AND a.replay_generation = l.replay_generation)"
                + " ORDER BY l.occurred_at", cutoff)) {
            out.add(new Unsettled("undelivered", (String) r.get("message_id"), (String) r.get("source_agency"),
                    (String) r.get("recipient_agency"), (String) r.get("event_code"), instant(r.get("occurred_at"))));
            if (out.size() - undecided >= MAX) {
                break;
            }
        }
        return out;
    }

    private static java.time.Instant instant(Object value) {
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        return value == null ? null : java.time.Instant.parse(value.toString());
    }
}
