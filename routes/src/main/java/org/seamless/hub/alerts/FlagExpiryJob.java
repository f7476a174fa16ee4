package org.seamless.hub.alerts;

import java.time.Clock;
import org.seamless.app.cluster.ClusterJobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Runs {@link FlagExpiry} every {@code seamless.alerts.expiry-check-interval} on the hub, once per
 * interval across hub instances (job {@value #JOB}, ADR 0054).
 */
@Component
@ConditionalOnProperty(name = "seamless.run-hub", havingValue = "true", matchIfMissing = true)
public class FlagExpiryJob implements InitializingBean {
    public static final String JOB = "alert-flag-expiry";
    private static final Logger log = LoggerFactory.getLogger(FlagExpiryJob.class);
    private final FlagExpiry expiry;
    private final AlertsProperties props;
    private final ClusterJobs jobs;

    public FlagExpiryJob(JdbcTemplate jdbc, OperatorAlerts alerts, Clock clock, AlertsProperties props,
                         ClusterJobs jobs) {
        this.expiry = new FlagExpiry(jdbc, alerts, clock, props);
        this.props = props;
        this.jobs = jobs;
    }

    @Override
    public void afterPropertiesSet() {
        jobs.schedule(new ClusterJobs.Job(JOB, props.expiryCheckInterval(), null, this::runLogged),
                props.expiryCheckInterval());
    }

    /** One run now, outside the schedule. */
    public int runNow() {
        return expiry.run();
    }

    private void runLogged() {
        int n = expiry.run();
        if (n > 0) {
            log.info("flag expiry check: {} flag(s) alerted", n);
        }
    }
}
