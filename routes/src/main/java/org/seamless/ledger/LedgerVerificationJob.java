package org.seamless.ledger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.KeyPair;
import java.security.PublicKey;
import java.nio.file.Files;
import java.util.concurrent.atomic.AtomicInteger;
import org.seamless.privacy.ledger.CheckpointKeys;
import org.seamless.privacy.ledger.CheckpointStore;
import org.seamless.privacy.ledger.LedgerVerifier;
import org.seamless.privacy.ledger.VerificationResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.seamless.app.cluster.ClusterJobs;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Verifies the whole ledger chain against the signed checkpoints in the running hub, as
 * {@code ledger-verify} does from the command line, every {@code seamless.ledger.verify-interval}
 * (first after {@code seamless.ledger.verify-initial-delay}), so a broken ledger raises an alert
 * ({@code seamless_ledger_verification_broken}) without anyone running the tool. Once per interval
 * across hub instances (job {@value #JOB}, ADR 0054).
 */
@Component
@ConditionalOnProperty(name = "seamless.run-hub", havingValue = "true", matchIfMissing = true)
public class LedgerVerificationJob {
    public static final String BROKEN = "seamless.ledger.verification.broken";
    public static final String RUNS = "seamless.ledger.verifications";
    public static final String JOB = "ledger-verification";
    private static final Logger log = LoggerFactory.getLogger(LedgerVerificationJob.class);

    private final LedgerVerifier verifier;
    private final CheckpointStore store;
    private final KeyPair keys;
    private final AtomicInteger broken = new AtomicInteger();
    private final Counter intactRuns;
    private final Counter brokenRuns;
    private final java.time.Clock clock;
    private volatile Verified last;

    /** A verification's result and when it ran, for the console (ADR 0053). */
    public record Verified(VerificationResult result, java.time.Instant at) {
    }

    public LedgerVerificationJob(LedgerVerifier verifier, CheckpointStore store, KeyPair checkpointKeys,
                                 MeterRegistry registry) {
        this(verifier, store, checkpointKeys, registry, java.time.Clock.systemUTC());
    }

    @org.springframework.beans.factory.annotation.Autowired
    public LedgerVerificationJob(LedgerVerifier verifier, CheckpointStore store, KeyPair checkpointKeys,
                                 MeterRegistry registry, java.time.Clock clock) {
        this.clock = clock;
        this.verifier = verifier;
        this.store = store;
        this.keys = checkpointKeys;
        Gauge.builder(BROKEN, broken, AtomicInteger::get)
                .description("1 when the last verification of the ledger chain found it broken, else 0")
                .register(registry);
        this.intactRuns = runs(registry, "intact");
        this.brokenRuns = runs(registry, "broken");
    }

    /** Called by Spring once made: ticks the job on this instance. */
    @org.springframework.beans.factory.annotation.Autowired
    void scheduleOn(ClusterJobs jobs,
                    @Value("${seamless.ledger.verify-initial-delay:PT10M}") java.time.Duration initialDelay,
                    @Value("${seamless.ledger.verify-interval:PT1H}") java.time.Duration interval) {
        jobs.schedule(new ClusterJobs.Job(JOB, interval, null, this::scheduled), initialDelay);
    }

    private static Counter runs(MeterRegistry registry, String result) {
        return Counter.builder(RUNS).description("verifications of the ledger chain, by result").tag("result", result)
                .register(registry);
    }

    /** Verifies now; records the result in the metrics and returns it. */
    public VerificationResult verifyNow() {
        VerificationResult result;
        try {
            var published = store.dir().resolve(CheckpointKeys.PUBLIC_KEY_FILE);
            PublicKey key = Files.exists(published) ? CheckpointKeys.readPublic(published) : keys.getPublic();
            result = verifier.verify(store.readVerified(key));
        } catch (CheckpointStore.CheckpointException e) {
            result = new VerificationResult(0, 0, java.util.Optional.of(0L), java.util.Optional.of(e.getMessage()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("could not read the ledger checkpoints", e);
        }
        last = new Verified(result, clock.instant());
        broken.set(result.intact() ? 0 : 1);
        (result.intact() ? intactRuns : brokenRuns).increment();
        if (result.intact()) {
            log.info(result.describe());
        } else {
            log.error(result.describe());
        }
        return result;
    }

    /** The last verification in this process, if any ran yet. */
    public java.util.Optional<Verified> last() {
        return java.util.Optional.ofNullable(last);
    }

    /** The latest signed checkpoint whose signature checks, if any was written; empty when one is unreadable. */
    public java.util.Optional<org.seamless.privacy.ledger.Checkpoint> latestCheckpoint() {
        try {
            var published = store.dir().resolve(CheckpointKeys.PUBLIC_KEY_FILE);
            PublicKey key = Files.exists(published) ? CheckpointKeys.readPublic(published) : keys.getPublic();
            return store.readVerified(key).stream()
                    .max(java.util.Comparator.comparingLong(org.seamless.privacy.ledger.Checkpoint::sequence));
        } catch (CheckpointStore.CheckpointException | java.io.IOException e) {
            return java.util.Optional.empty();
        }
    }

    void scheduled() {
        try {
            verifyNow();
        } catch (RuntimeException e) {
            log.error("ledger verification could not run; will try again at the next interval: {}",
                    e.getClass().getSimpleName());
        }
    }
}
