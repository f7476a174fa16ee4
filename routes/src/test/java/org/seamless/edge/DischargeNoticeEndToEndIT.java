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
import org.seamless.mappings.message.MessageBundles;
import org.seamless.mappings.testdata.TestNhsNumbers;
import org.seamless.mappings.testdata.TestNotices;
import org.seamless.testsupport.SeamlessTestBase;
import org.seamless.testsupport.TestEnvironment;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The spine end to end: a FHIR discharge notice in over HTTP, a CSV file out, a disclosure row recorded. */
class DischargeNoticeEndToEndIT extends SeamlessTestBase {
    @Autowired
    JdbcTemplate jdbc;

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
