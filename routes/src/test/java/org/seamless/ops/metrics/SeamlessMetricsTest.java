package org.seamless.ops.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.seamless.adapters.registry.AdapterConfig;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.registry.AgencyRegistry;
import org.seamless.adapters.registry.BrokerAddresses;
import org.seamless.mappings.canonical.AgencyKind;
import org.seamless.privacy.decide.Outcome;

class SeamlessMetricsTest {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final SeamlessMetrics metrics = new SeamlessMetrics(registry, new AgencyRegistry(List.of(agency("trust-1"),
            agency("la-1"))));

    @Test
    void everyRecordingHasItsPrometheusSeries() {
        ScrapeText scrape = ScrapeText.everyRecordingOnce(metrics, registry, "trust-1", "la-1");

        assertThat(scrape.value("seamless_messages_received_total", Map.of("agency", "trust-1", "event",
                "discharge-notice"))).isEqualTo(1);
        assertThat(scrape.value("seamless_messages_withheld_total", Map.of("agency", "la-1"))).isEqualTo(1);
        assertThat(scrape.value("seamless_messages_released_total", Map.of("agency", "la-1"))).isEqualTo(1);
        assertThat(scrape.value("seamless_messages_pseudonymised_total", Map.of("agency", "la-1"))).isEqualTo(1);
        assertThat(scrape.value("seamless_messages_quarantined_total", Map.of("agency", "trust-1", "edge", "fhir",
                "reason", "invalid-nhs-number"))).isEqualTo(1);
        assertThat(scrape.value("seamless_deliveries_total", Map.of("outcome", "DELIVERED"))).isEqualTo(1);
        assertThat(scrape.value("seamless_delivery_latency_seconds_count", Map.of("agency", "la-1"))).isEqualTo(1);
        assertThat(scrape.value("seamless_delivery_latency_seconds_sum", Map.of("agency", "la-1"))).isEqualTo(1.5);
        assertThat(scrape.value("seamless_ledger_append_seconds_count", Map.of("kind", "decision"))).isEqualTo(1);
        assertThat(scrape.value("seamless_alert_extract_rows_total", Map.of("result", "accepted"))).isEqualTo(3);
        assertThat(scrape.names()).contains("seamless_delivery_latency_seconds_bucket");
    }

    @Test
    void releasesThatAreNotPseudonymisedAndWithholdsAreCountedApart() {
        metrics.decided("la-1", "discharge-notice", Outcome.RELEASE_IDENTIFIABLE);
        metrics.released("la-1", "discharge-notice", Outcome.RELEASE_IDENTIFIABLE);

        ScrapeText scrape = new ScrapeText(registry.scrape());
        assertThat(scrape.value("seamless_messages_released_total", Map.of())).isEqualTo(1);
        assertThat(scrape.names()).doesNotContain("seamless_messages_pseudonymised_total",
                "seamless_messages_withheld_total");
    }

    @Test
    void tagsAreNeverValuesACallerChose() {
        metrics.received("not-registered", "made-up-event");
        metrics.quarantined(null, "fhir", "free text with 9434765919 in it");
        metrics.acknowledged("la-1", "discharge-notice", "SOMETHING", null);

        String text = registry.scrape();
        assertThat(text).doesNotContain("not-registered", "made-up-event", "9434765919", "SOMETHING");
        ScrapeText scrape = new ScrapeText(text);
        assertThat(scrape.value("seamless_messages_received_total", Map.of("agency", "other", "event", "other")))
                .isEqualTo(1);
        assertThat(scrape.value("seamless_messages_quarantined_total", Map.of("agency", "other", "reason", "other")))
                .isEqualTo(1);
        assertThat(scrape.names()).doesNotContain("seamless_delivery_latency_seconds_count");
    }

    @Test
    void promqlNamesLeaveOutFunctionsLabelsAndRanges() {
        assertThat(ScrapeText.metricNames("histogram_quantile(0.95, sum by (le, agency) (rate("
                + "seamless_delivery_latency_seconds_bucket{agency=~\"$agency\"}[5m]))) > 1e3 and on (agency) "
                + "seamless_circuit_state offset 5m"))
                .containsExactlyInAnyOrder("seamless_delivery_latency_seconds_bucket", "seamless_circuit_state");
    }

    private static AgencyConfig agency(String id) {
        return new AgencyConfig(id, id, AgencyKind.LOCAL_AUTHORITY, "X1", Optional.empty(),
                new AdapterConfig("la-csv", Map.of()), BrokerAddresses.conventional(id), List.of());
    }
}
