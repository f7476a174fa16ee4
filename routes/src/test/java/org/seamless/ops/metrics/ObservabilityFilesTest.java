package org.seamless.ops.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * The shipped monitoring files hang together: the scrape job reads the guarded endpoint with a bearer
 * token and loads rule files that exist; every rule and panel has what Prometheus and Grafana need.
 * (That every metric they name exists is checked against the running application in
 * {@code DischargeNoticeEndToEndIT}.)
 */
class ObservabilityFilesTest {
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

    @Test
    void theScrapeJobReadsTheGuardedEndpointAndLoadsTheShippedRules() throws Exception {
        JsonNode prometheus = yaml.readTree(ScrapeText.OBSERVABILITY.resolve("prometheus.yml").toFile());
        JsonNode job = prometheus.path("scrape_configs").get(0);
        assertThat(job.path("metrics_path").asText()).isEqualTo(org.seamless.app.security.web.ScrapePath.PATH);
        assertThat(job.path("authorization").path("type").asText()).isEqualTo("Bearer");
        assertThat(prometheus.path("rule_files")).isNotEmpty()
                .allMatch(f -> Files.isRegularFile(ScrapeText.OBSERVABILITY.resolve(f.asText())));
    }

    @Test
    void everyRuleAndPanelIsComplete() throws Exception {
        JsonNode rules = yaml.readTree(ScrapeText.OBSERVABILITY.resolve("seamless-alerts.yml").toFile())
                .path("groups").get(0).path("rules");
        assertThat(rules).extracting(r -> r.path("alert").asText()).contains("SeamlessDeadLetters",
                "SeamlessCircuitOpen", "SeamlessBacklogGrowing", "SeamlessLedgerVerificationFailed");
        assertThat(rules).allMatch(r -> !r.path("expr").asText().isBlank()
                && r.path("labels").path("severity").isTextual() && r.path("annotations").path("summary").isTextual());
        JsonNode dashboard = new ObjectMapper().readTree(
                ScrapeText.OBSERVABILITY.resolve("seamless-dashboard.json").toFile());
        assertThat(dashboard.path("panels")).isNotEmpty().allMatch(p -> !p.path("targets").isEmpty()
                && !p.path("title").asText().isBlank());
        assertThat(ScrapeText.shippedExpressions()).allMatch(e -> !ScrapeText.metricNames(e).isEmpty());
    }
}
