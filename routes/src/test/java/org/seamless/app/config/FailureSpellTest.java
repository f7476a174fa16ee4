package org.seamless.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A job failing every interval says so once, and once more when it runs again. */
class FailureSpellTest {
    private final Logger log = (Logger) LoggerFactory.getLogger(FailureSpellTest.class);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    @BeforeEach
    void listen() {
        lines.start();
        log.addAppender(lines);
    }

    @AfterEach
    void stopListening() {
        log.detachAppender(lines);
    }

    @Test
    void aSpellOfFailuresIsOneWarningAndItsEndOneLine() {
        FailureSpell spell = new FailureSpell(log, "a job");

        spell.ran();
        spell.failed("SQLException, SQL state 08006");
        spell.failed("SQLException, SQL state 08006");
        spell.failed("SQLException, SQL state 08006");
        spell.ran();
        spell.ran();
        spell.failed("IllegalStateException");

        assertThat(lines.list).extracting(ILoggingEvent::getLevel, ILoggingEvent::getFormattedMessage).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Level.WARN, "a job failed (SQLException, SQL state 08006); retried"
                        + " every interval, said again only once it runs"),
                org.assertj.core.groups.Tuple.tuple(Level.INFO, "a job runs again"),
                org.assertj.core.groups.Tuple.tuple(Level.WARN, "a job failed (IllegalStateException); retried every"
                        + " interval, said again only once it runs"));
    }

    @Test
    void aRoundIsNamedByItsFailuresClassAndSqlStateNeverItsMessage() {
        FailureSpell spell = new FailureSpell(log, "a job");

        spell.attempt(() -> {
            throw new java.sql.SQLException("value 9990000018 refused", "23505");
        });
        spell.attempt(() -> {
        });

        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "a job failed (SQLException, SQL state 23505); retried every interval, said again only once it runs",
                "a job runs again");
    }
}
