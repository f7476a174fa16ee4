package org.seamless.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MessageHeader;
import org.junit.jupiter.api.Test;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.seamless.adapters.spi.AgencyAuthenticator;
import org.seamless.mappings.message.MessageBundles;
import org.seamless.mappings.testdata.TestNhsNumbers;
import org.seamless.mappings.testdata.TestNotices;
import org.seamless.ops.metrics.ScrapeText;
import org.seamless.ops.metrics.SeamlessMetrics;
import org.seamless.testsupport.SeamlessTestBase;
import org.seamless.testsupport.TestEnvironment;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The spine end to end: a FHIR discharge notice in over HTTP, a CSV file out, a disclosure row recorded;
 * and what operators see of it on {@code /actuator/prometheus} (here, so no other application starts).
 */
class DischargeNoticeEndToEndIT extends SeamlessTestBase {
    private static final String SCRAPE_TOKEN = TestEnvironment.randomSecret();

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    org.seamless.adapters.registry.AgencyRegistry agencies;

    @DynamicPropertySource
    static void scrapeToken(DynamicPropertyRegistry registry) {
        registry.add("seamless.metrics.scrape-token-sha256", () -> AgencyAuthenticator.sha256Hex(SCRAPE_TOKEN));
        // why: Spring Boot's test support turns metrics export off unless asked; the application exports them
        registry.add("management.prometheus.metrics.export.enabled", () -> "true");
    }

    @Test
    void prometheusAnswersOnlyTheScrapeTokenOrTheOperatorKey() throws Exception {
        assertThat(scrape(null, null).statusCode()).isEqualTo(401);
        assertThat(scrape("Authorization", "Bearer " + TestEnvironment.randomSecret()).statusCode()).isEqualTo(401);
        assertThat(scrape("X-API-Key", ENV.apiKey(TestEnvironment.TRUST)).statusCode()).isEqualTo(401);
        for (String path : List.of("/actuator/prometheus/", "/actuator//prometheus", "/actuator/prometheus;x=1",
                "/actuator/Prometheus")) {
            assertThat(get(path, null, null).statusCode()).as(path).isNotEqualTo(200);
        }

        var withToken = scrape("Authorization", "Bearer " + SCRAPE_TOKEN);
        assertThat(withToken.statusCode()).isEqualTo(200);
        assertThat(withToken.body()).contains("seamless_circuit_state{", "jvm_memory_used_bytes");
        assertThat(scrape("X-API-Key", ENV.opsApiKey()).statusCode()).isEqualTo(200);
    }

    @Test
    void aGoodNoticeAndABadOneMoveTheirCounters() throws Exception {
        Map<String, String> fromTrust = Map.of("agency", TestEnvironment.TRUST, "event", "discharge-notice");
        Map<String, String> toCouncil = Map.of("agency", TestEnvironment.LA_CSV, "event", "discharge-notice");
        Map<String, String> refused = Map.of("agency", TestEnvironment.TRUST, "reason", "invalid-nhs-number");
        ScrapeText before = metrics();
        TestNotices.Notice good = TestNotices.discharge(105);
        TestNotices.Notice bad = TestNotices.discharge(106);
        String badJson = bad.json().replace(bad.details().nhsNumber().value(),
                TestNhsNumbers.badCheckDigit(new java.util.Random(6)));

        assertThat(postMessage(ENV.apiKey(TestEnvironment.TRUST), "application/fhir+json", good.json()).statusCode())
                .isEqualTo(200);
        assertThat(postMessage(ENV.apiKey(TestEnvironment.TRUST), "application/fhir+json", badJson).statusCode())
                .isEqualTo(400);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            ScrapeText after = metrics();
            assertThat(delta(before, after, "seamless_deliveries_total", Map.of("agency", TestEnvironment.LA_CSV,
                    "outcome", "DELIVERED"))).isGreaterThanOrEqualTo(1);
            assertThat(delta(before, after, "seamless_messages_received_total", fromTrust)).isEqualTo(1);
            assertThat(delta(before, after, "seamless_messages_quarantined_total", refused)).isEqualTo(1);
            assertThat(delta(before, after, "seamless_messages_released_total", toCouncil)).isGreaterThanOrEqualTo(1);
            assertThat(delta(before, after, "seamless_delivery_latency_seconds_count", toCouncil))
                    .isGreaterThanOrEqualTo(1);
            assertThat(delta(before, after, "seamless_ledger_append_seconds_count", Map.of("kind", "release")))
                    .isGreaterThanOrEqualTo(1);
            assertThat(delta(before, after, "seamless_validation_shape_cache_total", Map.of()))
                    .isGreaterThanOrEqualTo(2);
        });
        ScrapeText now = metrics();
        assertThat(now.value("seamless_broker_queue_depth", Map.of("agency", TestEnvironment.LA_CSV, "queue",
                "outbound"))).isGreaterThanOrEqualTo(0);
        assertThat(now.value("seamless_broker_dead_letters", Map.of("agency", TestEnvironment.LA_CSV))).isZero();
        assertThat(now.value("seamless_circuit_state", Map.of("agency", TestEnvironment.LA_CSV))).isZero();
    }

    @Test
    void everyMetricTheDashboardAndAlertRulesNameIsExposed() throws Exception {
        List<String> expressions = ScrapeText.shippedExpressions();
        assertThat(expressions).hasSizeGreaterThan(10);
        // the application's scrape, plus every series SeamlessMetrics makes on its first event (some events,
        // such as a withheld leg or an alert extract, do not happen in this test)
        var registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        var lazily = ScrapeText.everyRecordingOnce(new SeamlessMetrics(registry, agencies), registry,
                TestEnvironment.TRUST, TestEnvironment.LA_CSV);
        // route timings appear with a route's first exchange: one notice through the hub and a sink
        assertThat(postMessage(ENV.apiKey(TestEnvironment.TRUST), "application/fhir+json",
                TestNotices.discharge(107).json()).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            java.util.Set<String> exposed = new java.util.TreeSet<>(metrics().names());
            exposed.addAll(lazily.names());
            for (String expr : expressions) {
                assertThat(exposed).as(expr).containsAll(ScrapeText.metricNames(expr));
            }
        });
    }

    private ScrapeText metrics() throws Exception {
        var response = scrape("Authorization", "Bearer " + SCRAPE_TOKEN);
        assertThat(response.statusCode()).isEqualTo(200);
        return new ScrapeText(response.body());
    }

    private static double delta(ScrapeText before, ScrapeText after, String name, Map<String, String> labels) {
        return after.value(name, labels) - before.value(name, labels);
    }

    private java.net.http.HttpResponse<String> scrape(String header, String value) throws Exception {
        return get("/actuator/prometheus", header, value);
    }

    private java.net.http.HttpResponse<String> get(String path, String header, String value) throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + path));
        if (header != null) {
            request.header(header, value);
        }
        return HTTP.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void dischargeNoticeArrivesAsCsvFileAndIsRecorded() throws Exception {
        TestNotices.Notice notice = TestNotices.discharge(101);

        var response = postMessage(ENV.apiKey(TestEnvironment.TRUST), "application/fhir+json", notice.json());

        assertThat(response.statusCode()).isEqualTo(200);
        Bundle reply = MessageBundles.parse(response.body());
        MessageHeader header = MessageBundles.header(reply).orElseThrow();
        assertThat(header.getResponse().getIdentifier()).isEqualTo(notice.messageId());
        assertThat(header.getResponse().getCode()).isEqualTo(MessageHeader.ResponseType.OK);

        Path file = awaitFile(notice.messageId());
        List<CSVRecord> rows = parse(file);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("message_id")).isEqualTo(notice.messageId());
        assertThat(rows.get(0).get("nhs_number")).isEqualTo(notice.details().nhsNumber().value());

        List<Map<String, Object>> disclosures = jdbc.queryForList(
                "SELECT recipient_agency, outcome, legal_basis, source_agency FROM disclosure WHERE message_id = ?",
                notice.messageId());
        assertThat(disclosures).hasSize(1);
        assertThat(disclosures.get(0)).containsEntry("recipient_agency", TestEnvironment.LA_CSV)
                .containsEntry("outcome", "RELEASE_IDENTIFIABLE")
                .containsEntry("source_agency", TestEnvironment.TRUST);
    }

    @Test
    void resendWithSameIdIsAcknowledgedButDeliveredOnce() throws Exception {
        TestNotices.Notice notice = TestNotices.discharge(102);
        String key = ENV.apiKey(TestEnvironment.TRUST);

        assertThat(postMessage(key, "application/fhir+json", notice.json()).statusCode()).isEqualTo(200);
        assertThat(postMessage(key, "application/fhir+json", notice.json()).statusCode()).isEqualTo(200);

        awaitFile(notice.messageId());
        Integer rows = jdbc.queryForObject("SELECT COUNT(*) FROM inbound_receipt WHERE message_id = ?", Integer.class,
                notice.messageId());
        assertThat(rows).isEqualTo(1);
        try (Stream<Path> files = Files.list(ENV.outbox(TestEnvironment.LA_CSV))) {
            // one data file and its ready marker (ADR 0010)
            assertThat(files.map(f -> f.getFileName().toString()).filter(n -> n.contains(notice.messageId())))
                    .containsExactlyInAnyOrder("notice-" + TestEnvironment.TRUST + "_" + notice.messageId() + "-g0.csv",
                            "notice-" + TestEnvironment.TRUST + "_" + notice.messageId() + "-g0.csv.ok");
        }
    }

    @Test
    void invalidNhsNumberIsRefusedWithSpecificErrorAndKept() throws Exception {
        TestNotices.Notice good = TestNotices.discharge(103);
        String badNumber = TestNhsNumbers.badCheckDigit(new java.util.Random(5));
        String json = good.json().replace(good.details().nhsNumber().value(), badNumber);

        var response = postMessage(ENV.apiKey(TestEnvironment.TRUST), "application/fhir+json", json);

        assertThat(response.statusCode()).isEqualTo(400);
        Bundle reply = MessageBundles.parse(response.body());
        assertThat(MessageBundles.header(reply).orElseThrow().getResponse().getCode())
                .isEqualTo(MessageHeader.ResponseType.FATALERROR);
        assertThat(response.body()).contains("Modulus 11").doesNotContain(badNumber);
        Integer kept = jdbc.queryForObject(
                "SELECT COUNT(*) FROM quarantine WHERE message_id = ? AND reason_code = 'invalid-nhs-number'",
                Integer.class, good.messageId());
        assertThat(kept).isEqualTo(1);
        assertThat(outboxFiles(good.messageId())).isEmpty();
    }

    @Test
    void healthReportsBrokerAndDatabaseUp() throws Exception {
        var response = HTTP.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + port + "/actuator/health")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        var health = new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body());
        assertThat(health.path("status").asText()).isEqualTo("UP");
        assertThat(health.path("components").path("broker").path("status").asText()).isEqualTo("UP");
        assertThat(health.path("components").path("db").path("status").asText()).isEqualTo("UP");
    }

    @Test
    void theReadmeExampleIsAccepted() throws Exception {
        String example = Files.readString(Path.of("..", "docs", "examples", "discharge-notice.json"));
        var response = postMessage(ENV.apiKey(TestEnvironment.TRUST), "application/fhir+json", example);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    void unauthenticatedCallerIsRefused() throws Exception {
        var response = postMessage("not-a-key", "application/fhir+json", TestNotices.discharge(104).json());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(postMessage(null, "application/fhir+json", "{}").statusCode()).isEqualTo(401);
    }

    private static Path awaitFile(String messageId) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> outboxFiles(messageId).stream().findFirst(),
                java.util.Optional::isPresent).orElseThrow();
    }

    private static List<Path> outboxFiles(String messageId) throws IOException {
        Path outbox = ENV.outbox(TestEnvironment.LA_CSV);
        if (!Files.isDirectory(outbox)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(outbox)) {
            return files.filter(f -> f.getFileName().toString().equals("notice-" + TestEnvironment.TRUST + "_" + messageId
                    + "-g0.csv")).toList();
        }
    }

    private static List<CSVRecord> parse(Path file) throws IOException {
        try (CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(Files.newBufferedReader(file))) {
            return p.getRecords();
        }
    }
}
