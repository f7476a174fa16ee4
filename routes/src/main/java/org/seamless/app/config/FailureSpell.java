package org.seamless.app.config;

import java.sql.SQLException;
import org.slf4j.Logger;

/**
 * A scheduled job's failures, said once per spell: the first failure logs a WARN, the next run that works logs
 * that it runs again, and the failures between say nothing (a closed database would fail every interval).
 */
final class FailureSpell {
    private final Logger log;
    private final String job;
    private volatile boolean failing;

    FailureSpell(Logger log, String job) {
        this.log = log;
        this.job = job;
    }

    /** A job's round. */
    interface Round {
        void run() throws SQLException;
    }

    /**
     * Runs one round and says how it went, once per spell. A failure is named by its exception class and, for the
     * database's, its SQL state, never by its message, which could quote a value.
     */
    void attempt(Round round) {
        try {
            round.run();
            ran();
        } catch (SQLException | RuntimeException e) {
            failed(e.getClass().getSimpleName() + (e instanceof SQLException s ? ", SQL state " + s.getSQLState() : ""));
        }
    }

    void ran() {
        if (failing) {
            failing = false;
            log.info("{} runs again", job);
        }
    }

    /** {@code detail} names the failure without quoting data: an exception class, an SQL state. */
    void failed(String detail) {
        if (!failing) {
            failing = true;
            log.warn("{} failed ({}); retried every interval, said again only once it runs", job, detail);
        }
    }
}
