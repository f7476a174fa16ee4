package org.seamless.hub.residence;

import java.sql.Timestamp;
import java.time.Clock;
import org.seamless.ledger.BatchRows;
import org.seamless.privacy.ledger.JdbcLedger;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Records why a residence-based message went to its local authority in {@code routing_decision},
 * one row per (source, message, recipient, replay generation); a repeat after redelivery is ignored.
 */
public class JdbcRoutingDecisions implements RoutingDecisionLog {
    private static final String SEEN = "SELECT 1 FROM routing_decision WHERE source_agency = ? AND message_id = ?"
            + " AND recipient_agency = ? AND replay_generation = ?";
    private static final String INSERT = "INSERT INTO routing_decision (source_agency, message_id, recipient_agency,"
            + " replay_generation, reason, fallback, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?)";
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final JdbcLedger ledger;

    /**
     * @param ledger when not null, a decision made on a hub step's thread is written with the step's ledger
     *               entries, in their transaction (ADR 0098)
     */
    public JdbcRoutingDecisions(JdbcTemplate jdbc, Clock clock, JdbcLedger ledger) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.ledger = ledger;
    }

    @Override
    public void record(String source, String messageId, String recipient, int generation, RoutingReason reason) {
        // why no error on a repeat: a redelivery, or a competing hub consumer, recorded the same decision first
        BatchRows.insertOnce(ledger, jdbc, SEEN, new Object[] {source, messageId, recipient, generation}, INSERT,
                source, messageId, recipient, generation, reason.code(), reason.fallback(),
                Timestamp.from(clock.instant()));
    }
}
