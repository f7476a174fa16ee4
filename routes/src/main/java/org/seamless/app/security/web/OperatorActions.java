package org.seamless.app.security.web;

import java.sql.Timestamp;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The operations audit (ADR 0047): every operator and IG action names the person who took it
 * (account name and role; never a password, a token or personal data), in table
 * {@code operator_action} and in the log.
 */
@Component
public class OperatorActions {
    private static final Logger log = LoggerFactory.getLogger(OperatorActions.class);

    /** The longest reason kept (column {@code operator_action.reason}). */
    public static final int MAX_REASON = 500;

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public OperatorActions(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Records that the current request's person took the action on the target (an id, never personal data). */
    public void record(String action, String target, String outcome) {
        record(action, target, outcome, null);
    }

    /**
     * Records a change with the reason the person gave (the console requires one for every change).
     * The reason is kept in the table only, never logged: it is free text a person typed.
     */
    public void record(String action, String target, String outcome, String reason) {
        Person person = Callers.requirePerson();
        jdbc.update("INSERT INTO operator_action (acted_at, person, person_role, action, target, outcome, reason) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)", Timestamp.from(clock.instant()), person.name(),
                person.role().name(), action, target == null || target.length() <= 200 ? target : target.substring(0, 200),
                outcome, reason == null || reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON));
        log.info("{} by {} ({}) on {}: {}{}", action, person.name(), person.role(), target, outcome,
                reason == null ? "" : " (reason recorded)");
    }
}
