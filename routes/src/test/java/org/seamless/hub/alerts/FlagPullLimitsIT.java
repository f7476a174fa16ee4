package org.seamless.hub.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.mappings.canonical.FhirContexts;
import org.seamless.mappings.testdata.TestNhsNumbers;
import org.seamless.testsupport.SeamlessTestBase;
import org.seamless.testsupport.TestEnvironment;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Flag pulls are limited per agency (429 with Retry-After beyond the limit) and a pull pattern that
 * looks like enumeration (many distinct people in the window) raises one alert naming the agency, for
 * the operator and for the council whose flags were among those pulled, which reads it.
 */
class FlagPullLimitsIT extends SeamlessTestBase {

    @DynamicPropertySource
    static void limits(DynamicPropertyRegistry r) {
        r.add("seamless.alerts.pulls.burst", () -> "4");
        r.add("seamless.alerts.pulls.per-minute", () -> "1");
        r.add("seamless.alerts.pulls.watch-distinct-subjects", () -> "3");
        r.add("seamless.alerts.pulls.watch-misses", () -> "1000");
    }

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void pullsBeyondTheAgencysLimitGet429AndAnEnumerationPatternIsAlertedOnce() throws Exception {
        List<NhsNumber> people = TestNhsNumbers.distinct(4711, 5);
        seedChildProtectionFlag(people.get(0));
        for (int i = 0; i < 4; i++) {
            assertThat(pull(people.get(i)).statusCode()).as("pull %d", i + 1).isEqualTo(200);
        }
        HttpResponse<String> fifth = pull(people.get(4));
        assertThat(fifth.statusCode()).isEqualTo(429);
        assertThat(fifth.headers().firstValue("Retry-After")).hasValueSatisfying(v ->
                assertThat(Integer.parseInt(v)).isBetween(1, 60));
        OperationOutcome oo = FhirContexts.r4().newJsonParser().parseResource(OperationOutcome.class, fifth.body());
        assertThat(oo.getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.THROTTLED);
        assertThat(fifth.body()).doesNotContain(people.get(4).value());

        List<String> alerts = jdbc.queryForList("SELECT detail FROM operator_alert WHERE code = 'flag-pull-enumeration'"
                + " AND agency_id = ?", String.class, TestEnvironment.TRUST);
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0)).contains("3 distinct people").doesNotContain(people.get(0).value());

        // the council whose flag was among those pulled is alerted too, and reads it
        HttpResponse<String> council = get(PullWarningsApi.PATH, ENV.apiKey(TestEnvironment.LA_CSV));
        assertThat(council.statusCode()).isEqualTo(200);
        assertThat(council.body()).contains("agency " + TestEnvironment.TRUST + " pulled the flags of 3 distinct people")
                .doesNotContain(people.get(0).value());
        assertThat(get(PullWarningsApi.PATH, ENV.apiKey(TestEnvironment.LA_SOAP)).body()).contains("\"warnings\":[]");
        assertThat(get(PullWarningsApi.PATH, ENV.apiKey(TestEnvironment.TRUST)).statusCode()).isEqualTo(403);
        assertThat(get(PullWarningsApi.PATH, null).statusCode()).isEqualTo(401);
    }

    private void seedChildProtectionFlag(NhsNumber child) throws Exception {
        Path inbox = ENV.inbox(TestEnvironment.LA_CSV);
        Files.createDirectories(inbox);
        LocalDate start = LocalDate.now().minusDays(30);
        String csv = "alert_id,nhs_number,alert_type,start_date,end_date,review_date,team_name,team_phone,deleted\r\n"
                + "CPL1," + child.value() + ",child-protection-plan," + start + ",," + start.plusDays(180)
                + ",Team A,0113 496 0000,N\r\n";
        Path staging = ENV.dataDir().resolve("limits-seed.tmp");
        Files.writeString(staging, csv);
        Files.move(staging, inbox.resolve("alerts-delta-limits.csv"));
        await().atMost(Duration.ofMinutes(3)).until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM alert_flag"
                + " WHERE active = TRUE AND owner_agency = ?", Long.class, TestEnvironment.LA_CSV) == 1);
    }

    private HttpResponse<String> get(String path, String apiKey) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(60)).GET();
        if (apiKey != null) {
            b.header("X-API-Key", apiKey);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> pull(NhsNumber nhs) throws Exception {
        String q = URLEncoder.encode(NhsNumber.SYSTEM + "|" + nhs.value(), StandardCharsets.UTF_8);
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/fhir/Flag?patient.identifier=" + q))
                .timeout(Duration.ofSeconds(60)).header("Accept", "application/fhir+json")
                .header("X-API-Key", ENV.apiKey(TestEnvironment.TRUST)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
