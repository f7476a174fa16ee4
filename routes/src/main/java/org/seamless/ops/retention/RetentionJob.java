package org.seamless.ops.retention;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.seamless.adapters.registry.AgencyRegistry;
import org.seamless.app.cluster.ClusterJobs;
import org.seamless.ops.reliability.DeliveryPolicyProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Checks the retention policy at start (refuses to start on a policy that could not keep its promises) and
 * runs {@link RetentionPurge} every {@code seamless.retention.purge-interval} on the hub, once per interval
 * across instances (job {@value #JOB}, ADR 0054, ADR 0072).
 */
@Component
@EnableConfigurationProperties(RetentionProperties.class)
@ConditionalOnProperty(name = "seamless.run-hub", havingValue = "true", matchIfMissing = true)
public class RetentionJob implements InitializingBean {
    public static final String JOB = "retention-purge";
    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);
    private final RetentionProperties policy;
    private final RetentionPurge purge;
    private final ClusterJobs jobs;
    private final Clock clock;
    private final Duration longestDeadline;

    public RetentionJob(JdbcTemplate jdbc, RetentionProperties policy, DeliveryPolicyProperties delivery,
                        AgencyRegistry registry, ClusterJobs jobs, Clock clock) {
        this.policy = policy;
        this.purge = new RetentionPurge(jdbc, policy);
        this.jobs = jobs;
        this.clock = clock;
        this.longestDeadline = registry.all().stream()
                .flatMap(a -> a.delivery().deadline().stream())
                .reduce(delivery.deadline(), (x, y) -> x.compareTo(y) >= 0 ? x : y);
    }

    @Override
    public void afterPropertiesSet() {
        List<String> problems = policy.problems(longestDeadline);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("retention policy refused: " + String.join("; ", problems));
        }
        jobs.schedule(new ClusterJobs.Job(JOB, policy.purgeInterval(), null, this::runLogged), Duration.ofMinutes(1));
    }

    /** One purge now, outside the schedule; the rows deleted per table and rule. */
    public Map<String, Integer> runNow() {
        return purge.run(clock.instant());
    }

    private void runLogged() {
        Map<String, Integer> deleted = runNow();
        deleted.forEach((what, n) -> {
            if (n > 0) {
                log.info("retention purge: {} row(s) of {} deleted", n, what);
            }
        });
    }
}
