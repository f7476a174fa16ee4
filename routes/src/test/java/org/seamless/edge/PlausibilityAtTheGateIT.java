package org.seamless.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.xml.ws.Holder;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.seamless.adapters.lasoap.ItkAlertService;
import org.seamless.adapters.lasoap.ItkJaxb;
import org.seamless.adapters.lasoap.itk.DistributionEnvelopeType;
import org.seamless.adapters.lasoap.itk.FaultResponse;
import org.seamless.app.demo.fhir.DemoTrustFlags;
import org.seamless.mappings.alert.AlertType;
import org.seamless.mappings.alert.SocialCareAlert;
import org.seamless.mappings.alert.SocialCareAlertXml;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.mappings.itk.ItkEnvelopeXml;
import org.seamless.mappings.message.FhirUrls;
import org.seamless.mappings.message.MessageBundles;
import org.seamless.mappings.message.Plausibility;
import org.seamless.mappings.testdata.TestNhsNumbers;
import org.seamless.mappings.testdata.TestNotices;
import org.seamless.testsupport.SeamlessTestBase;
import org.seamless.testsupport.TestEnvironment;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.seamless.testsupport.ItkClients;

/**
 * Issue 26 item 3: the gate's plausibility rules ({@link Plausibility}) refuse implausible values at
 * every edge where the field exists - the voluntary-sector JSON API, the FHIR edge, the ITK SOAP alert
 * service and the alert CSV extract - each with the rule's own code and the field, never the value, and
 * the refused input kept in quarantine.
 */
class PlausibilityAtTheGateIT extends SeamlessTestBase {
    static final String RECEIVER = "test-plausible-receiver";
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SOAP_SENDER = "urn:nhs-uk:addressing:ods:TST03";

    static {
        ENV.withCharities(RECEIVER);
    }

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DemoTrustFlags trustFlags;

    // --- JSON (voluntary-sector API) -----------------------------------------------------------------

    @Test
    void aReferralForAPersonBornIn2091IsRefused() throws Exception {
        HttpResponse<String> r = referral("2091-04-01");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(r.body());
        assertThat(problem.get("type").asText()).isEqualTo("https://seamless.dev/problems/birth-date-in-future");
        assertThat(problem.get("field").asText()).isEqualTo("person.birthDate");
        assertThat(r.body()).doesNotContain("2091");
        assertKept(problem.get("keptAs").asText(), "vcs-api", "birth-date-in-future");
    }

    static Stream<Arguments> jsonCases() {
        return Stream.of(
                Arguments.of(LocalDate.now().plusDays(1).toString(), "birth-date-in-future"),
                Arguments.of(LocalDate.now().minusYears(126).toString(), "age-over-125"));
    }

    @ParameterizedTest(name = "JSON referral, birthDate {0}: {1}")
    @MethodSource("jsonCases")
    void theJsonEdgeRefusesEachRuleWhoseFieldItHas(String birthDate, String code) throws Exception {
        HttpResponse<String> r = referral(birthDate);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
        JsonNode problem = JSON.readTree(r.body());
        assertThat(problem.get("type").asText()).isEqualTo("https://seamless.dev/problems/" + code);
        assertThat(problem.get("field").asText()).isEqualTo("person.birthDate");
        assertThat(r.body()).doesNotContain(birthDate);
        assertKept(problem.get("keptAs").asText(), "vcs-api", code);
    }

    @Test
    void aPlausibleReferralIsStillAccepted() throws Exception {
        HttpResponse<String> r = referral(LocalDate.now().minusYears(125).plusDays(1).toString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    }

    // --- FHIR $process-message -----------------------------------------------------------------------

    static Stream<Arguments> fhirCases() {
        return Stream.of(
                patient("born in 2091", p -> p.setBirthDateElement(new DateType("2091-04-01")),
                        "birth-date-in-future", Plausibility.BIRTH_DATE, "2091-04-01"),
                patient("died before birth", p -> {
                    p.setBirthDateElement(new DateType("1950-04-01"));
                    p.setDeceased(new DateTimeType("1949-11-30"));
                }, "death-before-birth", Plausibility.DECEASED, "1949-11-30"),
                patient("aged 126", p -> p.setBirthDateElement(new DateType("1899-05-17")),
                        "age-over-125", Plausibility.BIRTH_DATE, "1899-05-17"),
                // an Encounter.period ending before it starts is refused earlier on this edge, by FHIR's own
                // invariant per-1 in the profile validation; the gate's rule covers the edges that do not validate
                encounter("planned discharge before admission", e -> e.getExtensionByUrl(
                        FhirUrls.PLANNED_DISCHARGE_DATE).setValue(new DateType("2024-12-30")),
                        "discharge-before-admission", Plausibility.PLANNED_DISCHARGE));
    }

    @ParameterizedTest(name = "FHIR discharge notice, {0}")
    @MethodSource("fhirCases")
    void theFhirEdgeRefusesEachRuleWhoseFieldItHas(String name, Bundle notice, String code, String field,
                                                  String value) throws Exception {
        HttpResponse<String> r = postMessage(ENV.apiKey(TestEnvironment.TRUST), "application/fhir+json",
                MessageBundles.toJson(notice));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.body()).contains("(" + code + ")", field).doesNotContain(value);
        String messageId = MessageBundles.messageId(notice).orElseThrow();
        assertThat(jdbc.queryForList("SELECT reason_code FROM quarantine WHERE edge = 'nhs-fhir' AND message_id = ?",
                String.class, messageId)).containsExactly(code);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM inbound_receipt WHERE message_id = ?", Integer.class,
                messageId)).isZero();
    }

    // --- ITK SOAP alerts -----------------------------------------------------------------------------

    @Test
    void theSoapEdgeRefusesAReviewDateBeforeTheStartDate() {
        LocalDate start = LocalDate.now().minusDays(30);
        SocialCareAlert alert = new SocialCareAlert("ignored", null, null, "SOAP-PLAUS-1",
                TestNhsNumbers.random(new Random(2661)), AlertType.CHILD_PROTECTION_PLAN, start, null,
                start.minusDays(7), false, "Children's Services North", "0113 000 0000");
        Holder<DistributionEnvelopeType> call = new Holder<>(ItkJaxb.fromDocument(ItkEnvelopeXml.toDocument(
                SocialCareAlertXml.envelope(alert, SOAP_SENDER))));

        assertThatThrownBy(() -> ItkClients.alerts(port, ENV.apiKey(TestEnvironment.LA_SOAP)).sendRecvMessage(call))
                .isInstanceOfSatisfying(FaultResponse.class, f -> {
                    assertThat(f.getFaultInfo().getErrorCode().getValue()).isEqualTo(ItkAlertService.REFUSED);
                    assertThat(f.getFaultInfo().getErrorText()).startsWith("review-before-start:")
                            .contains("Flag.extension", "kept as").doesNotContain(start.minusDays(7).toString());
                });
        assertThat(jdbc.queryForList("SELECT reason_code FROM quarantine WHERE edge = 'la-soap-alerts'", String.class))
                .contains("review-before-start");
        assertThat(trustFlags.findByIdentifier(SocialCareAlert.IDENTIFIER_SYSTEM,
                TestEnvironment.LA_SOAP + "/SOAP-PLAUS-1")).isEmpty();
    }

    // --- alert CSV extract ---------------------------------------------------------------------------

    @Test
    void theCsvEdgeRefusesARowWhoseReviewDateIsBeforeItsStartDate() throws Exception {
        Path inbox = ENV.dataDir().resolve("agencies/" + TestEnvironment.LA_CSV + "/inbox");
        Files.createDirectories(inbox);
        LocalDate start = LocalDate.now().minusDays(20);
        NhsNumber good = TestNhsNumbers.random(new Random(2671));
        NhsNumber bad = TestNhsNumbers.random(new Random(2672));
        Path staging = ENV.dataDir().resolve("plausibility.tmp");
        Files.writeString(staging, "alert_id,nhs_number,alert_type,start_date,end_date,review_date,team_name,team_phone,"
                + "deleted\r\n"
                + "PLAUS-GOOD," + good.value() + ",child-protection-plan," + start + ",," + start.plusDays(90)
                + ",Children's Services North,0113 496 0000,N\r\n"
                + "PLAUS-BAD," + bad.value() + ",child-protection-plan," + start + ",," + start.minusDays(1)
                + ",Children's Services North,0113 496 0000,N\r\n", StandardCharsets.UTF_8);
        Files.move(staging, inbox.resolve("alerts-delta-plausibility.csv"));

        Path processed = inbox.resolve("processed");
        await().atMost(Duration.ofSeconds(120)).until(() ->
                Files.exists(processed.resolve("alerts-delta-plausibility.csv.summary.csv")));
        await().atMost(Duration.ofSeconds(60)).until(() -> trustFlags.findByIdentifier(
                SocialCareAlert.IDENTIFIER_SYSTEM, TestEnvironment.LA_CSV + "/PLAUS-GOOD").isPresent());
        assertThat(jdbc.queryForList("SELECT reason_code FROM quarantine WHERE edge = 'la-csv-alerts'", String.class))
                .contains("review-before-start");
        assertThat(jdbc.queryForList("SELECT reason FROM quarantine WHERE edge = 'la-csv-alerts'", String.class))
                .allSatisfy(reason -> assertThat(reason).doesNotContain(start.minusDays(1).toString()));
        assertThat(trustFlags.findByIdentifier(SocialCareAlert.IDENTIFIER_SYSTEM, TestEnvironment.LA_CSV + "/PLAUS-BAD"))
                .isEmpty();
    }

    // --- helpers -------------------------------------------------------------------------------------

    private static Arguments patient(String name, Consumer<Patient> change, String code, String field, String value) {
        Bundle b = TestNotices.discharge(26_000 + name.hashCode() % 1000).bundle();
        change.accept(MessageBundles.patient(b).orElseThrow());
        return Arguments.of(name, b, code, field, value);
    }

    private static Arguments encounter(String name, Consumer<Encounter> change, String code, String field) {
        Bundle b = TestNotices.discharge(27_000 + name.hashCode() % 1000).bundle();
        Encounter e = MessageBundles.encounters(b).get(0);
        change.accept(e);
        return Arguments.of(name, b, code, field, "2024-12-30");
    }

    private HttpResponse<String> referral(String birthDate) throws Exception {
        String body = """
                {"to": "%s", "service": "home-from-hospital", "needs": ["shopping"],
                 "person": {"nhsNumber": "%s", "givenName": "Ann", "familyName": "Testperson",
                   "birthDate": "%s", "gender": "female"}}"""
                .formatted(RECEIVER, TestNhsNumbers.FIXED_VALID.get(1), birthDate);
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/vcs/referrals"))
                .header("X-API-Key", ENV.apiKey(TestEnvironment.CHARITY)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private void assertKept(String keptAs, String edge, String code) {
        assertThat(jdbc.queryForObject("SELECT reason_code FROM quarantine WHERE id = ? AND edge = ?", String.class,
                keptAs, edge)).isEqualTo(code);
    }
}
