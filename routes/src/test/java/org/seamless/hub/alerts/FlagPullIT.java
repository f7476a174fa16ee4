package org.seamless.hub.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.seamless.mappings.alert.SocialCareAlert;
import org.seamless.mappings.canonical.FhirContexts;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.mappings.testdata.TestNotices;
import org.seamless.testsupport.TestEnvironment;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Acceptance: a clinical client pulls a child's flags over {@code GET /fhir/Flag?patient.identifier=...} and
 * gets them; each pull is a ledger decision and release; the owning LA's CSV outbox receives the access
 * notification (who: organisation and setting from the registry; when); a silent-read setting produces
 * none; the LA sees the accesses through its query; a bad identifier is a 400 that does not echo it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "seamless.demo.enabled=false")
class FlagPullIT {
    static final TestEnvironment ENV = TestEnvironment.createWithSilentReadClinic();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final Duration LONG = Duration.ofMinutes(3);
    // 999-range test numbers passing Modulus 11
    static final String CHILD_CP = nhs("999000001");
    static final String CHILD_LAC = nhs("999000002");
    static final String ADULT_CARER = nhs("999000003");
    static final String CHILD_SOAP_LA = nhs("999000004");

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    org.seamless.adapters.spi.InboundGate gate;
    @Autowired
    org.seamless.adapters.registry.AgencyRegistry registry;
    @Autowired
    org.seamless.app.demo.soap.DemoLaCaseSystem soapLa;

    @DynamicPropertySource
    static void seamlessProperties(DynamicPropertyRegistry registry) {
        ENV.properties().forEach((k, v) -> registry.add(k, () -> v));
    }

    @Test
    void pullReturnsFlagsRecordsTheDisclosureAndNotifiesTheLaExceptForSilentRead() throws Exception {
        seedFlags();

        long seqBefore = jdbc.queryForObject("SELECT COALESCE(MAX(seq), 0) FROM ledger_entry", Long.class);
        // ED pull of the child on a plan: the flag, in a searchset
        HttpResponse<String> ed = pull(TestEnvironment.TRUST, CHILD_CP);
        assertThat(ed.statusCode()).isEqualTo(200);
        Bundle set = FhirContexts.r4().newJsonParser().parseResource(Bundle.class, ed.body());
        assertThat(set.getType()).isEqualTo(Bundle.BundleType.SEARCHSET);
        assertThat(set.getEntry()).hasSize(1);
        Flag flag = (Flag) set.getEntryFirstRep().getResource();
        assertThat(flag.getIdentifierFirstRep().getSystem()).isEqualTo(SocialCareAlert.IDENTIFIER_SYSTEM);
        assertThat(flag.getIdentifierFirstRep().getValue()).isEqualTo(TestEnvironment.LA_CSV + "/CP1");
        assertThat(flag.getSubject().getIdentifier().getValue()).isEqualTo(CHILD_CP);
        assertThat(flag.getStatus()).isEqualTo(Flag.FlagStatus.ACTIVE);
        assertThat(flag.getExtension()).as("review date minimised away for trusts").isEmpty();

        // the pull is a disclosure: DECISION and RELEASE entries with recipient, rule, basis, data classes
        List<Map<String, Object>> entries = jdbc.queryForList("SELECT entry_kind, rule_id, legal_basis, data_classes,"
                + " outcome FROM ledger_entry WHERE recipient_agency = ? AND message_id LIKE 'pull-%' AND seq > ? ORDER BY seq",
                TestEnvironment.TRUST, seqBefore);
        assertThat(entries).extracting(m -> m.get("entry_kind")).containsExactly("DECISION", "RELEASE");
        assertThat(entries).allSatisfy(m -> {
            assertThat(m.get("rule_id")).isEqualTo("alert-start");
            assertThat((String) m.get("legal_basis")).contains("Children Act 2004 s11");
            assertThat((String) m.get("data_classes")).contains("Flag", "Patient");
            assertThat(m.get("outcome")).isEqualTo("RELEASE_IDENTIFIABLE");
        });

        // the owning LA's outbox gets the access notification, through the hub and the chain
        Path outbox = ENV.outbox(TestEnvironment.LA_CSV);
        await().atMost(LONG).until(() -> accessFiles(outbox).size() == 1);
        String row = Files.readAllLines(accessFiles(outbox).get(0)).get(1);
        assertThat(row).contains(CHILD_CP, TestNotices.HOSPITAL_ODS, "demo-trust/ed", "Emergency Department", "CP1",
                "child-protection-plan");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ledger_entry WHERE event_code = 'alert-access'"
                + " AND recipient_agency = ? AND entry_kind = 'RELEASE' AND seq > ?", Long.class, TestEnvironment.LA_CSV,
                seqBefore)).isEqualTo(1);

        // the silent-read clinic gets the flag too, but the LA is not told
        HttpResponse<String> silent = pull(TestEnvironment.SILENT_CLINIC, CHILD_CP);
        assertThat(silent.statusCode()).isEqualTo(200);
        assertThat(FhirContexts.r4().newJsonParser().parseResource(Bundle.class, silent.body()).getEntry()).hasSize(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM inbound_receipt WHERE source_agency = ?", Long.class,
                TestEnvironment.SILENT_CLINIC)).as("nothing published by the silent clinic").isZero();
        assertThat(jdbc.queryForList("SELECT silent, notified FROM alert_access WHERE caller_agency = ?",
                TestEnvironment.SILENT_CLINIC)).singleElement()
                .satisfies(m -> {
                    assertThat(m.get("silent")).isEqualTo(true);
                    assertThat(m.get("notified")).isEqualTo(false);
                });

        // FHIR's POST [base]/Flag/_search keeps the NHS number out of the URL (and access logs)
        HttpResponse<String> posted = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/fhir/Flag/_search")).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/fhir+json")
                .header("X-API-Key", ENV.apiKey(TestEnvironment.SILENT_CLINIC))
                .POST(HttpRequest.BodyPublishers.ofString("patient.identifier="
                        + URLEncoder.encode(NhsNumber.SYSTEM + "|" + CHILD_CP, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(entriesOf(posted)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM alert_access WHERE caller_agency = ? AND silent = TRUE"
                + " AND notified = FALSE", Long.class, TestEnvironment.SILENT_CLINIC)).isEqualTo(2);

        // a carer flag is returned but notifies nobody; a looked-after child's does
        assertThat(entriesOf(pull(TestEnvironment.TRUST, ADULT_CARER))).isEqualTo(1);
        assertThat(entriesOf(pull(TestEnvironment.TRUST, CHILD_LAC))).isEqualTo(1);
        await().atMost(LONG).until(() -> accessFiles(outbox).size() == 2);
        assertThat(accessFiles(outbox).stream().map(FlagPullIT::dataRow))
                .anySatisfy(r -> assertThat(r).contains(CHILD_LAC, "looked-after-child"))
                .noneSatisfy(r -> assertThat(r).contains(ADULT_CARER))
                .noneSatisfy(r -> assertThat(r).contains("TST05"));

        // the LA's query: the ED access, not the silent one
        HttpResponse<String> q = post("/api/v1/alerts/accesses", ENV.apiKey(TestEnvironment.LA_CSV),
                "{\"nhsNumber\":\"" + CHILD_CP + "\",\"limit\":5}");
        assertThat(q.statusCode()).isEqualTo(200);
        assertThat(q.body()).contains("\"setting\":\"ed\"", "Emergency Department", "\"notified\":true")
                .doesNotContain("shs").doesNotContain(CHILD_CP);
        assertThat(post("/api/v1/alerts/accesses", ENV.apiKey(TestEnvironment.TRUST),
                "{\"nhsNumber\":\"" + CHILD_CP + "\"}").statusCode()).isEqualTo(403);
    }

    @Test
    void badRequestsAreRefusedWithoutEchoingTheValue() throws Exception {
        String badCheck = CHILD_CP.substring(0, 9) + ((CHILD_CP.charAt(9) - '0' + 1) % 10);
        HttpResponse<String> bad = pull(TestEnvironment.TRUST, badCheck);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).doesNotContain(badCheck).contains("Modulus 11");
        assertThat(FhirContexts.r4().newJsonParser().parseResource(OperationOutcome.class, bad.body()).getIssueFirstRep()
                .getCode()).isEqualTo(OperationOutcome.IssueType.INVALID);

        HttpResponse<String> wrongSystem = get("/fhir/Flag?patient.identifier="
                + URLEncoder.encode("https://example.org/mrn|" + CHILD_CP, StandardCharsets.UTF_8),
                ENV.apiKey(TestEnvironment.TRUST));
        assertThat(wrongSystem.statusCode()).isEqualTo(400);
        assertThat(wrongSystem.body()).doesNotContain(CHILD_CP);

        assertThat(pull(null, CHILD_CP).statusCode()).isEqualTo(401);
        assertThat(post("/api/v1/alerts/accesses", ENV.apiKey(TestEnvironment.LA_CSV),
                "{\"nhsNumber\":\"" + badCheck + "\"}").body()).doesNotContain(badCheck).contains("invalid-nhs-number");
    }

    @Test
    void soapLaReceivesTheAccessNotificationAsAnItkCall() throws Exception {
        // an alert from the SOAP LA, admitted at its inbound address by the gate its adapter uses
        var la = registry.get(TestEnvironment.LA_SOAP);
        var alert = new SocialCareAlert(la.id(), la.odsCode(), la.name(), "LAC77", NhsNumber.parse(CHILD_SOAP_LA),
                org.seamless.mappings.alert.AlertType.LOOKED_AFTER_CHILD, LocalDate.now().minusDays(40), null, null,
                false, "Team S", "01632 960000");
        var message = org.seamless.mappings.alert.AlertMessages.message(alert,
                org.seamless.mappings.canonical.SeamlessEvent.ALERT_START, java.util.UUID.randomUUID().toString(),
                java.time.Instant.now(), LocalDate.now());
        assertThat(gate.admit(new org.seamless.adapters.spi.InboundGate.Submission(la, "test", message,
                org.seamless.mappings.message.MessageBundles.toJson(message).getBytes(StandardCharsets.UTF_8),
                "application/fhir+json"))).isInstanceOf(org.seamless.adapters.spi.InboundGate.Accepted.class);
        await().atMost(LONG).until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM alert_flag WHERE owner_agency = ?",
                Long.class, TestEnvironment.LA_SOAP) == 1);

        assertThat(entriesOf(pull(TestEnvironment.TRUST, CHILD_SOAP_LA))).isEqualTo(1);

        await().atMost(LONG).until(() -> soapLa.received().stream()
                .anyMatch(e -> e.service().endsWith(":alert-access-v1")));
        var envelope = soapLa.received().stream().filter(e -> e.service().endsWith(":alert-access-v1")).findFirst()
                .orElseThrow();
        var read = org.seamless.mappings.alert.AlertAccessMessages.read(
                org.seamless.mappings.itk.NoticeEnvelopes.message(envelope), TestEnvironment.LA_SOAP);
        assertThat(read.nhsNumber()).isEqualTo(CHILD_SOAP_LA);
        assertThat(read.alertIds()).containsExactly("LAC77");
        assertThat(read.setting()).isEqualTo("demo-trust/ed");
        assertThat(read.organisationOds()).isEqualTo(TestNotices.HOSPITAL_ODS);
    }

    private void seedFlags() throws Exception {
        Path inbox = ENV.inbox(TestEnvironment.LA_CSV);
        Files.createDirectories(inbox);
        LocalDate start = LocalDate.now().minusDays(30);
        String csv = "alert_id,nhs_number,alert_type,start_date,end_date,review_date,team_name,team_phone,deleted\r\n"
                + "CP1," + CHILD_CP + ",child-protection-plan," + start + ",," + start.plusDays(180) + ",Team A,0113 496 0000,N\r\n"
                + "LAC1," + CHILD_LAC + ",looked-after-child," + start + ",,,Team B,0113 496 0001,N\r\n"
                + "CARER1," + ADULT_CARER + ",carer," + start + ",,,Team C,0113 496 0002,N\r\n";
        Path staging = ENV.dataDir().resolve("seed.tmp");
        Files.writeString(staging, csv);
        Files.move(staging, inbox.resolve("alerts-delta-seed.csv"));
        await().atMost(LONG).until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM alert_flag WHERE active = TRUE"
                + " AND owner_agency = ?", Long.class, TestEnvironment.LA_CSV) == 3);
    }

    private static int entriesOf(HttpResponse<String> r) {
        assertThat(r.statusCode()).isEqualTo(200);
        return FhirContexts.r4().newJsonParser().parseResource(Bundle.class, r.body()).getEntry().size();
    }

    private static List<Path> accessFiles(Path outbox) throws Exception {
        if (!Files.isDirectory(outbox)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(outbox)) {
            // only files whose ready marker exists: the marker follows the complete data file
            return s.filter(p -> p.getFileName().toString().startsWith("alert-access-")
                            && p.getFileName().toString().endsWith(".csv")
                            && Files.exists(p.resolveSibling(p.getFileName() + ".ok"))).sorted().toList();
        }
    }

    private static String dataRow(Path p) {
        try {
            return Files.readAllLines(p).get(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> pull(String agency, String nhs) throws Exception {
        return get("/fhir/Flag?patient.identifier=" + URLEncoder.encode(NhsNumber.SYSTEM + "|" + nhs,
                StandardCharsets.UTF_8), agency == null ? null : ENV.apiKey(agency));
    }

    private HttpResponse<String> get(String path, String apiKey) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(60)).header("Accept", "application/fhir+json").GET();
        if (apiKey != null) {
            b.header("X-API-Key", apiKey);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String apiKey, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json").header("X-API-Key", apiKey)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String nhs(String nine) {
        Integer check = NhsNumber.checkDigitFor(nine);
        if (check == null) {
            throw new IllegalStateException("no check digit");
        }
        return nine + check;
    }
}
