package org.seamless.app.config;

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
