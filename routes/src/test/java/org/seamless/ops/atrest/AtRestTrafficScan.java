package org.seamless.ops.atrest;

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
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.mappings.message.NoticeDetails;
import org.seamless.mappings.testdata.TestNhsNumbers;
import org.seamless.mappings.testdata.TestNotices;
import org.seamless.testsupport.RawTableScan;
import org.seamless.testsupport.TestEnvironment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Representative traffic through a running Seamless (consents, notices, a voluntary-sector referral, an alert
 * extract, flag pulls), then a raw read of every column of every table (ADR 0071): no NHS number used, in
 * digits, spaced or hyphenated, and no generated name appears anywhere. Shared by the H2 and PostgreSQL ITs.
 */
final class AtRestTrafficScan {
    static final Duration LONG = Duration.ofMinutes(3);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final TestEnvironment env;
    private final int port;
    private final JdbcTemplate jdbc;
    private final String listener;
    private final Random random = new Random();
    private final Map<String, String> needles = new LinkedHashMap<>();

    AtRestTrafficScan(TestEnvironment env, int port, JdbcTemplate jdbc, String listener) {
        this.env = env;
        this.port = port;
        this.jdbc = jdbc;
        this.listener = listener;
    }

    /** Runs the traffic, waits until every store holds it, and returns the raw-scan findings (empty is a pass). */
    Map<String, List<String>> runAndScan() throws Exception {
        // consents from the trust and a notice for the same person, under generated names
        TestNotices.Notice notice = notice(random.nextInt(1_000_000));
        String trust = env.apiKey(TestEnvironment.TRUST);
        String nhs1 = notice.details().nhsNumber().value();
        needle(nhs1);
        needles.put("given name", notice.details().givenName());
        needles.put("family name", notice.details().familyName());
        assertThat(post("/api/v1/consents", trust, consent(nhs1, "referral", listener)).statusCode()).isEqualTo(202);
        HttpResponse<String> n = post("/fhir/$process-message", trust, "application/fhir+json", notice.json());
        assertThat(n.statusCode()).as("notice accepted").isEqualTo(200);

        // a referral about another person from the demo charity to the listener, which has consent to receive it
        String nhs2 = TestNhsNumbers.randomDigits(random);
        needle(nhs2);
        String given = "Xanthe" + letters(6);
        String family = "Quillfeather" + letters(6);
        needles.put("referral given name", given);
        needles.put("referral family name", family);
        assertThat(post("/api/v1/consents", trust, consent(nhs2, "referral", listener)).statusCode()).isEqualTo(202);
        await().atMost(LONG).until(() -> count("consent_record") >= 2);
        HttpResponse<String> referral = post("/api/v1/vcs/referrals", env.apiKey(TestEnvironment.CHARITY),
                "application/json", """
                {"to": "%s", "service": "home-from-hospital", "needs": ["shopping"], "priority": "routine",
                 "person": {"nhsNumber": "%s", "givenName": "%s", "familyName": "%s",
                   "birthDate": "1940-02-03", "gender": "female",
                   "address": {"lines": ["1 Test Street"], "city": "Leeds", "postcode": "LS1 4AP"}}}"""
                        .formatted(listener, nhs2, given, family));
        assertThat(referral.statusCode()).as(referral.body()).isEqualTo(202);

        // an alert extract from the CSV council, then pulls of one child's flags by the trust
        String child = TestNhsNumbers.randomDigits(random);
        String other = TestNhsNumbers.randomDigits(random);
        needle(child);
        needle(other);
        String team = "Team Vexworth" + letters(5);
        needles.put("team name", team);
        LocalDate start = LocalDate.now().minusDays(30);
        String csv = "alert_id,nhs_number,alert_type,start_date,end_date,review_date,team_name,team_phone,deleted\r\n"
                + "AR1," + child + ",child-protection-plan," + start + ",," + start.plusDays(180) + "," + team
                + ",0113 496 0000,N\r\n"
                + "AR2," + other + ",looked-after-child," + start + ",,," + team + ",0113 496 0001,N\r\n";
        Path inbox = env.inbox(TestEnvironment.LA_CSV);
        Files.createDirectories(inbox);
        Path staging = env.dataDir().resolve("at-rest-alerts.tmp");
        Files.writeString(staging, csv);
        Files.move(staging, inbox.resolve("alerts-delta-at-rest.csv"), StandardCopyOption.ATOMIC_MOVE);
        await().atMost(LONG).until(() -> count("alert_flag") >= 2);
        HttpResponse<String> pull = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/fhir/Flag?patient.identifier=" + URLEncoder.encode(NhsNumber.SYSTEM + "|" + child,
                        StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(60)).header("Accept", "application/fhir+json")
                .header("X-API-Key", trust).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(pull.statusCode()).isEqualTo(200);
        assertThat(pull.body()).as("the pull finds the child's flag by its blind index").contains("AR1");

        await().atMost(LONG).until(() -> count("inbound_message") >= 2 && count("vcs_mailbox") >= 1
                && count("alert_access") >= 1 && count("la_alert_state") >= 2);
        try (Connection c = env.database().connect()) {
            Map<String, Integer> rows = RawTableScan.rowCounts(c);
            for (String t : List.of("consent_record", "inbound_message", "inbound_receipt", "ledger_entry",
                    "vcs_mailbox", "alert_flag", "alert_access", "la_alert_state")) {
                assertThat(rows).as("the scan reads the traffic's rows in " + t).containsKey(t);
                assertThat(rows.get(t)).as("rows in " + t).isPositive();
            }
            return RawTableScan.find(c, needles);
        }
    }

    private void needle(String nhs) {
        needles.put("NHS number " + needles.size(), nhs);
        needles.put("NHS number spaced " + needles.size(), nhs.substring(0, 3) + " " + nhs.substring(3, 6) + " "
                + nhs.substring(6));
        needles.put("NHS number hyphenated " + needles.size(), nhs.substring(0, 3) + "-" + nhs.substring(3, 6) + "-"
                + nhs.substring(6));
    }

    private TestNotices.Notice notice(long seed) {
        NoticeDetails d = TestNotices.details(org.seamless.mappings.canonical.SeamlessEvent.DISCHARGE_NOTICE, seed);
        return TestNotices.of(new NoticeDetails(UUID.randomUUID().toString(), d.event(), d.sentAt(), d.nhsNumber(),
                "Ottoline" + letters(6), "Brackenbury" + letters(6), d.birthDate(), d.gender(), d.addressLines(),
                d.city(), d.postcode(), d.phone(), d.encounterId(), d.admittedAt(), d.plannedDischargeDate(),
                d.hospitalOdsCode(), d.ward(), d.contactName(), d.contactPhone()));
    }

    private String letters(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append((char) ('a' + random.nextInt(26)));
        }
        return b.toString();
    }

    private static String consent(String nhs, String purpose, String recipient) {
        return """
                {"nhsNumber": "%s", "decision": "consent", "purpose": "%s", "recipient": {"agency": "%s"},
                 "start": "2024-01-01", "end": null, "reference": "%s"}"""
                .formatted(nhs, purpose, recipient, UUID.randomUUID());
    }

    private int count(String table) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Integer.class);
        return n == null ? 0 : n;
    }

    private HttpResponse<String> post(String path, String apiKey, String json) throws Exception {
        return post(path, apiKey, "application/json", json);
    }

    private HttpResponse<String> post(String path, String apiKey, String contentType, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(120)).header("Content-Type", contentType).header("X-API-Key", apiKey)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
