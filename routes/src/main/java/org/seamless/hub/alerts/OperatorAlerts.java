package org.seamless.hub.alerts;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Operator alerts: a row in {@code operator_alert} and one WARN line (codes and counts only, no personal values). */
@Component
public class OperatorAlerts {
    private static final Logger log = LoggerFactory.getLogger(OperatorAlerts.class);
    private final JdbcTemplate jdbc;
    private final Clock clock;

    public OperatorAlerts(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public String raise(String agencyId, String code, String detail) {
        return raise(agencyId, code, detail, detail);
    }

    /**
     * An alert whose stored detail names records (e.g. LA alert ids) the log must not carry:
     * {@code logged} is what the WARN line says instead.
     */
    public String raise(String agencyId, String code, String detail, String logged) {
        String id = UUID.randomUUID().toString();
        jdbc.update("INSERT INTO operator_alert (id, raised_at, agency_id, code, detail) VALUES (?, ?, ?, ?, ?)",
                id, Timestamp.from(clock.instant()), agencyId, code, detail.length() > 2000 ? detail.substring(0, 2000) : detail);
        log.warn("OPERATOR ALERT {} {} (agency {}): {}", id, code, agencyId, logged);
        return id;
    }
}
