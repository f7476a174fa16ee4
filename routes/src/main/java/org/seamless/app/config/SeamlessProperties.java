package org.seamless.app.config;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Top-level settings: where data lives, which registry and rule files to load, and which roles
 * this process plays.
 *
 * @param dataDir         root of the broker journal, embedded database and adapter state
 * @param registry        location of the agency registry YAML (Spring resource syntax)
 * @param sharingRules    location of the sharing-rule YAML
 * @param runHub          whether this process runs the hub routes
 * @param runAdapters     comma-separated agency ids whose adapters run here, or {@code *} for all
 */
@Validated
@ConfigurationProperties("seamless")
public record SeamlessProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("classpath:config/agencies.yml") String registry,
        @DefaultValue("classpath:config/sharing-rules.yml") String sharingRules,
        @DefaultValue("true") boolean runHub,
        @DefaultValue("*") String runAdapters) {

    public boolean runsAdapterOf(String agencyId) {
        return "*".equals(runAdapters.strip())
                || java.util.Arrays.stream(runAdapters.split(",")).map(String::strip).anyMatch(agencyId::equals);
    }
}
