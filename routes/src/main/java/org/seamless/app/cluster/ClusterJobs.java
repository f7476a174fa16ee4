package org.seamless.app.cluster;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Runs each scheduled job once per period across every hub instance sharing the database (ADR 0054).
 * Every instance ticks each job several times a period; a tick runs the job only when it (1) takes
 * the job's ShedLock lease (table {@code shedlock}, database time, held at most
 * {@code lockAtMostFor}, so a crashed holder's lease expires and another instance takes over) and
 * (2) inserts the job's row for the current period in {@code job_run} (primary key job and period),
 * which no other instance can then insert. So a period's run happens at most once, and, as long as
 * one instance is up, at least once.
 */
@Component
public class ClusterJobs implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(ClusterJobs.class);
    /** Ticks per period: with several, a tick late by up to a quarter period still lands in its period. */
    static final int TICKS_PER_PERIOD = 4;

    private final JdbcTemplate jdbc;
    private final LockProvider leases;
    private final InstanceId instance;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "seamless-cluster-jobs");
        t.setDaemon(true);
        return t;
    });

    public ClusterJobs(JdbcTemplate jdbc, InstanceId instance, Clock clock) {
        this.jdbc = jdbc;
        this.instance = instance;
        this.clock = clock;
        this.leases = new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(jdbc).withTableName("shedlock").withLockedByValue(instance.value())
                .usingDbTime() // why: hubs on different hosts compare lease ends by one clock, the database's
                .build());
    }

    /** A job: its name (key of its lease and run rows), its period, and the longest a run may hold the lease. */
    public record Job(String name, Duration period, Duration lockAtMostFor, Runnable work) {
        public Job {
            if (name.length() > 64 || period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("job " + name + ": name up to 64 characters, period above zero");
            }
            lockAtMostFor = lockAtMostFor == null ? period : lockAtMostFor;
        }
    }

    /** Ticks {@code job} on this instance, first after {@code initialDelay}. */
    public void schedule(Job job, Duration initialDelay) {
        long tick = Math.max(10, job.period().toMillis() / TICKS_PER_PERIOD);
        timer.scheduleWithFixedDelay(() -> tick(job), Math.max(0, initialDelay.toMillis()), tick, TimeUnit.MILLISECONDS);
    }

    private void tick(Job job) {
        try {
            runIfDue(job);
        } catch (RuntimeException e) {
            log.error("job {} could not run; tried again at the next tick: {}", job.name(), e.getClass().getSimpleName());
        }
    }

    /** The start of the period {@code at} lies in (periods aligned to the epoch). */
    public static Instant periodStart(Instant at, Duration period) {
        long p = period.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(at.toEpochMilli(), p) * p);
    }

    /**
     * Runs the job now if this period's run has not happened on any instance and no instance holds its
     * lease; returns whether it ran here.
     */
    public boolean runIfDue(Job job) {
        Instant now = clock.instant();
        Instant period = periodStart(now, job.period());
        if (ranIn(job.name(), period)) {
            return false; // why: the common case, checked without touching the lease
        }
        Optional<SimpleLock> lease = leases.lock(new LockConfiguration(now, job.name(), job.lockAtMostFor(),
                Duration.ZERO));
        if (lease.isEmpty()) {
            return false;
        }
        try {
            try {
                jdbc.update("INSERT INTO job_run (job_name, period_start, instance_id, started_at, outcome)"
                        + " VALUES (?, ?, ?, ?, 'RUNNING')", job.name(), Timestamp.from(period), instance.value(),
                        Timestamp.from(now));
            } catch (DuplicateKeyException e) {
                return false; // ran in this period already, on this instance or another
            }
            String outcome = "FAILED";
            try {
                job.work().run();
                outcome = "DONE";
            } finally {
                jdbc.update("UPDATE job_run SET finished_at = ?, outcome = ? WHERE job_name = ? AND period_start = ?",
                        Timestamp.from(clock.instant()), outcome, job.name(), Timestamp.from(period));
            }
            return true;
        } finally {
            lease.get().unlock();
        }
    }

    /**
     * Runs {@code work} now under the job's lease, outside the period schedule (e.g. a last checkpoint at
     * shutdown); skipped, returning false, while another instance holds the lease.
     */
    public boolean runUnderLease(String name, Duration lockAtMostFor, Runnable work) {
        Optional<SimpleLock> lease = leases.lock(new LockConfiguration(clock.instant(), name, lockAtMostFor,
                Duration.ZERO));
        if (lease.isEmpty()) {
            return false;
        }
        try {
            work.run();
            return true;
        } finally {
            lease.get().unlock();
        }
    }

    private boolean ranIn(String job, Instant period) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM job_run WHERE job_name = ? AND period_start = ?",
                Integer.class, job, Timestamp.from(period));
        return n != null && n > 0;
    }

    public String instanceId() {
        return instance.value();
    }

    @Override
    public void destroy() throws InterruptedException {
        timer.shutdownNow();
        timer.awaitTermination(10, TimeUnit.SECONDS); // why: a run in progress ends (and records itself) first
    }
}
