package org.seamless.ops.reliability;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The circuits a person holds open, in the database (table {@code sink_circuit_hold}, V118), so that a
 * circuit opened by hand on one instance holds on every instance that runs the agency's sink, and still
 * holds after a restart. {@link SinkCircuitBreakers} reads it at start and on every tick.
 */
@Component
public class CircuitHolds {
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final String instanceId;

    public CircuitHolds(JdbcTemplate jdbc, Clock clock, @Value("${seamless.instance-id:}") String instanceId) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.instanceId = instanceId.isBlank() ? null : instanceId;
    }

    /** Agencies whose circuit a person holds open. */
    public Set<String> held() {
        return new HashSet<>(jdbc.queryForList("SELECT agency_id FROM sink_circuit_hold", String.class));
    }

    /** Records the hold (once; a second hold keeps the first time). */
    public void hold(String agencyId) {
        if (jdbc.update("UPDATE sink_circuit_hold SET agency_id = agency_id WHERE agency_id = ?", agencyId) == 0) {
            try {
                jdbc.update("INSERT INTO sink_circuit_hold (agency_id, held_since, instance_id) VALUES (?, ?, ?)",
                        agencyId, Timestamp.from(clock.instant()), instanceId);
            } catch (org.springframework.dao.DuplicateKeyException alreadyHeld) {
                // another instance held it at the same moment: held either way
            }
        }
    }

    public void release(String agencyId) {
        jdbc.update("DELETE FROM sink_circuit_hold WHERE agency_id = ?", agencyId);
    }
}
