package org.seamless.ops.atrest;

import java.time.Duration;
import java.util.Map;
import org.seamless.app.cluster.ClusterJobs;
import org.seamless.privacy.keys.FieldCipher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The at-rest pass (ADR 0071): once at start, before routes take traffic (so rows kept before V123/V124 are
 * encrypted and findable by their blind index), then every {@code seamless.at-rest.reencrypt-interval}
 * (default a day) once across instances (job {@value #JOB}), which finishes the work after a key rotation.
 * {@link #rotateAndReencrypt()} rotates the keys and runs the pass at once (no console page calls it yet).
 */
@Component
public class AtRestJob implements SmartInitializingSingleton {
    public static final String JOB = "at-rest-reencrypt";
    private static final Logger log = LoggerFactory.getLogger(AtRestJob.class);
    private final AtRestReencryption pass;
    private final FieldCipher cipher;
    private final ClusterJobs jobs;
    private final Duration interval;

    public AtRestJob(JdbcTemplate jdbc, FieldCipher cipher, ClusterJobs jobs,
                     @Value("${seamless.at-rest.reencrypt-interval:P1D}") Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalStateException("seamless.at-rest.reencrypt-interval must be above zero");
        }
        this.pass = new AtRestReencryption(jdbc, cipher);
        this.cipher = cipher;
        this.jobs = jobs;
        this.interval = interval;
    }

    @Override
    public void afterSingletonsInstantiated() {
        runNow();
        jobs.schedule(new ClusterJobs.Job(JOB, interval, null, this::runNow), interval);
    }

    /** One pass now; the rows rewritten per table. */
    public Map<String, Integer> runNow() {
        return pass.run();
    }

    /** Rotates both at-rest keys (value and index) and brings every row to them; the rows rewritten per table. */
    public Map<String, Integer> rotateAndReencrypt() {
        cipher.rotate();
        cipher.rotateIndex();
        log.info("at-rest keys rotated; re-encrypting");
        return runNow();
    }
}
