package org.seamless.ledger;

import java.io.IOException;
import java.security.KeyPair;
import java.time.Clock;
import java.io.UncheckedIOException;
import org.seamless.app.cluster.ClusterJobs;
import org.seamless.privacy.ledger.Checkpoint;
import org.seamless.privacy.ledger.CheckpointKeys;
import org.seamless.privacy.ledger.CheckpointStore;
import org.seamless.privacy.ledger.LedgerQueries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Signs a checkpoint of the chain head every {@code seamless.ledger.checkpoint-interval} (and at
 * shutdown) and ships it to the checkpoint directory, with the public key beside it. Skips a
 * checkpoint when the head has not moved since the newest one in the directory. With several hub
 * instances it runs once per interval across them ({@link ClusterJobs}, job {@value #JOB}); they share
 * the signing key and the checkpoint directory (ADR 0054).
 */
@Component
@ConditionalOnProperty(name = "seamless.run-hub", havingValue = "true", matchIfMissing = true)
public class CheckpointJob implements InitializingBean, DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(CheckpointJob.class);

    private final CheckpointStore store;
    private final LedgerQueries queries;
    private final KeyPair keys;
    private final LedgerProperties props;
    private final Clock clock;
    public static final String JOB = "ledger-checkpoint";
    private final ClusterJobs jobs;

    public CheckpointJob(CheckpointStore store, LedgerQueries queries, KeyPair checkpointKeys, LedgerProperties props,
                         Clock clock, ClusterJobs jobs) {
        this.jobs = jobs;
        this.store = store;
        this.queries = queries;
        this.keys = checkpointKeys;
        this.props = props;
        this.clock = clock;
    }

    @Override
    public void afterPropertiesSet() throws IOException {
        CheckpointKeys.publish(keys.getPublic(), store.dir());
        jobs.schedule(new ClusterJobs.Job(JOB, props.checkpointInterval(), null, () -> {
            try {
                checkpointNow();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }), props.checkpointInterval());
    }

    /** Signs and ships a checkpoint of the current head now, unless nothing was appended since the last one. */
    public synchronized void checkpointNow() throws IOException {
        LedgerQueries.Head head = queries.head();
        if (head.lastHash() == null || head.lastSeq() == store.lastEntries()) {
            return;
        }
        Checkpoint cp = store.write(head, clock.instant(), keys.getPrivate());
        log.info("ledger checkpoint {} signed: {} entries", cp.sequence(), cp.entries());
    }

    private void checkpointQuietly() {
        try {
            checkpointNow();
        } catch (IOException | RuntimeException e) {
            log.error("ledger checkpoint failed; will try again at the next interval", e);
        }
    }

    @Override
    public void destroy() {
        // why: under the job's lease, so a shutdown checkpoint never races another instance's for a sequence number
        jobs.runUnderLease(JOB, props.checkpointInterval(), this::checkpointQuietly);
    }
}
