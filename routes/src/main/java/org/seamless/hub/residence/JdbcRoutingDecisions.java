package org.seamless.hub.residence;

import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Records why a residence-based message went to its local authority in {@code routing_decision},
 * one row per (source, message, recipient, replay generation); a repeat after redelivery is ignored.
 */
public class JdbcRoutingDecisions implements RoutingDecisionLog {
    private final JdbcTemplate jdbc;
    private final Clock clock;

    public JdbcRoutingDecisions(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void record(String source, String messageId, String recipient, int generation, RoutingReason reason) {
        Object[] key = {source, messageId, recipient, generation};
        Integer seen = jdbc.queryForObject("SELECT COUNT(*) FROM routing_decision WHERE source_agency = ?"
                + " AND message_id = ? AND recipient_agency = ? AND replay_generation = ?", Integer.class, key);
        if (seen != null && seen > 0) {
            return;
        }
        try {
            jdbc.update("INSERT INTO routing_decision (source_agency, message_id, recipient_agency, replay_generation,"
                    + " reason, fallback, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?)", source, messageId, recipient, generation,
                    reason.code(), reason.fallback(), Timestamp.from(clock.instant()));
        } catch (DuplicateKeyException e) {
            // a competing hub consumer recorded the same decision first: harmless
        }
    }
}
