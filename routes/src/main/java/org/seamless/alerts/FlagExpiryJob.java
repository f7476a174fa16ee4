package org.seamless.alerts;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Runs {@link FlagExpiry} every {@code seamless.alerts.expiry-check-interval} on the hub. */
@Component
@ConditionalOnProperty(name = "seamless.run-hub", havingValue = "true", matchIfMissing = true)
public class FlagExpiryJob implements InitializingBean, DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(FlagExpiryJob.class);
    private final FlagExpiry expiry;
    private final AlertsProperties props;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "alert-flag-expiry");
        t.setDaemon(true);
        return t;
    });

    public FlagExpiryJob(JdbcTemplate jdbc, OperatorAlerts alerts, Clock clock, AlertsProperties props) {
        this.expiry = new FlagExpiry(jdbc, alerts, clock, props);
        this.props = props;
    }

    @Override
    public void afterPropertiesSet() {
        long every = props.expiryCheckInterval().toMillis();
        timer.scheduleWithFixedDelay(this::runQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    /** One run now (also what the timer calls). */
    public int runNow() {
        return expiry.run();
    }

    private void runQuietly() {
        try {
            int n = expiry.run();
            if (n > 0) {
                log.info("flag expiry check: {} flag(s) alerted", n);
            }
        } catch (RuntimeException e) {
            log.error("flag expiry check failed: {}", e.getClass().getSimpleName()); // retried at the next interval
        }
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }
}
