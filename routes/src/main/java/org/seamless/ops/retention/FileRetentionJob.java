package org.seamless.ops.retention;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.seamless.adapters.lacsv.LaCsvAdapterType;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.registry.AgencyRegistry;
import org.seamless.app.config.SeamlessProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Retention of the files kept for CSV local authorities (ADR 0072), in every process that runs their adapters
 * ({@code seamless.run-adapters}): the files are in that process's folders, so each such process purges its
 * own on {@code seamless.retention.purge-interval}, rather than once across the hubs. Refuses to start on a
 * policy that is not a positive duration.
 */
@Component
@EnableConfigurationProperties(FileRetentionProperties.class)
public class FileRetentionJob implements InitializingBean {
    private static final Logger log = LoggerFactory.getLogger(FileRetentionJob.class);
    private final FileRetentionProperties policy;
    private final FileRetention retention;
    private final AgencyRegistry registry;
    private final SeamlessProperties seamless;
    private final Clock clock;

    public FileRetentionJob(FileRetentionProperties policy, AgencyRegistry registry, SeamlessProperties seamless,
                            Clock clock) {
        this.policy = policy;
        this.retention = new FileRetention(policy);
        this.registry = registry;
        this.seamless = seamless;
        this.clock = clock;
    }

    @Override
    public void afterPropertiesSet() {
        List<String> problems = policy.problems();
        if (!problems.isEmpty()) {
            throw new IllegalStateException("retention policy refused: " + String.join("; ", problems));
        }
    }

    @Scheduled(initialDelayString = "PT2M", fixedDelayString = "${seamless.retention.purge-interval:PT1H}")
    void scheduled() {
        try {
            runNow();
        } catch (RuntimeException e) {
            // why: a folder that cannot be read now is tried again next interval; the message names no file
            log.warn("file retention: {}", e.getMessage());
        }
    }

    /** One purge of every CSV authority whose adapter runs here; what was removed, per authority. */
    public java.util.Map<String, FileRetention.Result> runNow() {
        java.util.Map<String, FileRetention.Result> out = new java.util.LinkedHashMap<>();
        for (AgencyConfig agency : registry.all()) {
            if (!LaCsvAdapterType.NAME.equals(agency.adapter().type()) || !seamless.runsAdapterOf(agency.id())) {
                continue;
            }
            Path inbox = agency.adapter().param(LaCsvAdapterType.INBOX).map(Path::of).orElse(null);
            Path outbox = agency.adapter().param(LaCsvAdapterType.SFTP_HOST).isPresent() ? null
                    : agency.adapter().param(LaCsvAdapterType.OUTBOX).map(Path::of).orElse(null);
            FileRetention.Result r = retention.purge(inbox, outbox, clock.instant());
            out.put(agency.id(), r);
            if (r.importedFiles() > 0) {
                log.info("file retention: {} imported file(s) of {} removed after {}", r.importedFiles(), agency.id(),
                        policy.inbox());
            }
            if (r.uncollectedOutboxFiles() > 0) {
                log.warn("file retention: {} file(s) never collected from the outbox of {} removed after {}; the ledger"
                        + " keeps each release, and a replay within the replay window writes the file again",
                        r.uncollectedOutboxFiles(), agency.id(), policy.outbox());
            }
        }
        return out;
    }
}
