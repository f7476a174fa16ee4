package org.seamless.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.seamless.mappings.testdata.TestNhsNumbers;
import org.seamless.mappings.testdata.TestNotices;
import org.seamless.testsupport.SeamlessTestBase;
import org.seamless.testsupport.TestEnvironment;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.seamless.testsupport.SharedContext;

/**
 * Named people (ADR 0047): operators, IG leads and auditors sign in with their own account (HTTP
 * Basic or a personal API token), the operations audit names the person for replays and quarantine
 * reads, and on every endpoint a caller with the wrong role or another agency's credential is refused
 * (401/403) with nothing kept or sent.
 */
@SharedContext
class NamedPeopleIT extends SeamlessTestBase {
    /** Tables where anything kept or sent would show. */
    private static final List<String> KEPT = List.of("ledger_entry", "inbound_message", "inbound_receipt", "quarantine",
            "operator_action", "vcs_mailbox", "consent_record", "consent_receipt", "alert_access", "delivery");

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aReplayAndQuarantineReadsNameThePersonNeverASecret() throws Exception {
        TestNotices.Notice notice = TestNotices.discharge(4711);
        assertThat(postMessage(ENV.apiKey(TestEnvironment.TRUST), "application/fhir+json", notice.json()).statusCode())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM ledger_entry WHERE message_id = ?", Integer.class, notice.messageId()) > 0);

        HttpResponse<String> replay = call("POST", "/api/ops/replay", "Authorization",
                ENV.basic(TestEnvironment.OPERATOR), "{\"messageId\": \"" + notice.messageId() + "\"}");
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(actions(notice.messageId())).contains(Map.of("PERSON", TestEnvironment.OPERATOR,
                "PERSON_ROLE", "OPERATOR", "ACTION", "replay", "OUTCOME", "replayed"));

        TestNotices.Notice bad = TestNotices.discharge(4714);
        String json = bad.json().replace(bad.details().nhsNumber().value(),
                TestNhsNumbers.badCheckDigit(new java.util.Random(4714)));
        assertThat(postMessage(ENV.apiKey(TestEnvironment.TRUST), "application/fhir+json", json).statusCode()).isEqualTo(400);
        String item = jdbc.queryForObject("SELECT id FROM quarantine WHERE message_id = ?", String.class, bad.messageId());
        HttpResponse<String> read = call("GET", "/api/ops/quarantine/" + item, "X-API-Key",
                ENV.token(TestEnvironment.OTHER_OPERATOR), null);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(actions(item)).contains(Map.of("PERSON", TestEnvironment.OTHER_OPERATOR, "PERSON_ROLE", "OPERATOR",
                "ACTION", "quarantine-read", "OUTCOME", "read"));
        // the shared key, where still enabled, is recorded as such: not as a person
        assertThat(call("GET", "/api/ops/quarantine/" + item, "X-API-Key", ENV.opsApiKey(), null).statusCode())
                .isEqualTo(200);
        assertThat(actions(item)).extracting(m -> m.get("PERSON")).contains("shared-operator-key");

        String audit = String.join("\n", jdbc.queryForList("SELECT person || ' ' || COALESCE(target, '') "
                + "FROM operator_action", String.class));
        for (String person : List.of(TestEnvironment.OPERATOR, TestEnvironment.OTHER_OPERATOR)) {
            assertThat(audit).doesNotContain(ENV.password(person)).doesNotContain(ENV.token(person));
        }
    }

    @Test
    void aWrongPasswordIsRefusedAndAnAuditorReadsButChangesNothing() throws Exception {
        String wrong = "Basic " + java.util.Base64.getEncoder().encodeToString(
                (TestEnvironment.OPERATOR + ":not-the-password").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(call("GET", "/api/ops/circuits", "Authorization", wrong, null).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/api/ops/circuits", "Authorization", ENV.basic(TestEnvironment.AUDITOR), null)
                .statusCode()).isEqualTo(200);
        assertThat(call("GET", "/api/ops/unsettled", "X-API-Key", ENV.token(TestEnvironment.AUDITOR), null)
                .statusCode()).isEqualTo(200);
    }

    static Stream<Arguments> wrongCallers() {
        String replay = "{\"messageId\": \"m-1\"}";
        String disclosure = "{\"nhsNumber\": \"9990000018\"}";
        String soap = "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body/></soap:Envelope>";
        return Stream.of(
                // people endpoints: the wrong role (403) or an agency's credential (401)
                Arguments.of("POST", "/api/ops/replay", "Authorization", basic(TestEnvironment.AUDITOR), replay),
                Arguments.of("POST", "/api/ops/replay", "Authorization", basic(TestEnvironment.IG_LEAD), replay),
                Arguments.of("POST", "/api/ops/replay", "X-API-Key", ENV.apiKey(TestEnvironment.TRUST), replay),
                Arguments.of("GET", "/api/ops/quarantine", "X-API-Key", ENV.token(TestEnvironment.AUDITOR), null),
                Arguments.of("GET", "/api/ops/quarantine/q-1", "Authorization", basic(TestEnvironment.IG_LEAD), null),
                Arguments.of("GET", "/api/ops/dead-letters/" + TestEnvironment.TRUST, "X-API-Key",
                        ENV.token(TestEnvironment.IG_LEAD), null),
                Arguments.of("GET", "/api/ops/circuits", "X-API-Key", ENV.apiKey(TestEnvironment.CHARITY), null),
                Arguments.of("GET", "/api/ops/unsettled", "Authorization", basic(TestEnvironment.IG_LEAD), null),
                Arguments.of("POST", "/api/ig/disclosures", "Authorization", basic(TestEnvironment.OPERATOR), disclosure),
                Arguments.of("POST", "/api/ig/disclosures", "X-API-Key", ENV.token(TestEnvironment.AUDITOR), disclosure),
                Arguments.of("POST", "/api/ig/disclosures", "X-API-Key", ENV.apiKey(TestEnvironment.LA_CSV), disclosure),
                // the subject access export (ADR 0070): an IG lead only
                Arguments.of("POST", "/api/ig/subject-access", "Authorization", basic(TestEnvironment.OPERATOR), disclosure),
                Arguments.of("POST", "/api/ig/subject-access", "X-API-Key", ENV.token(TestEnvironment.AUDITOR), disclosure),
                Arguments.of("POST", "/api/ig/subject-access?format=pdf", "X-API-Key", ENV.apiKey(TestEnvironment.TRUST),
                        disclosure),
                Arguments.of("GET", "/api/v1/messages/m-1/tracking", "Authorization", basic(TestEnvironment.IG_LEAD), null),
                // agency endpoints: a person, or another kind of agency
                Arguments.of("POST", "/fhir/$process-message", "Authorization", basic(TestEnvironment.OPERATOR),
                        TestNotices.discharge(4712).json()),
                Arguments.of("POST", "/fhir/$process-message", "X-API-Key", ENV.apiKey(TestEnvironment.LA_CSV),
                        TestNotices.discharge(4713).json()),
                Arguments.of("GET", "/fhir/Flag?patient.identifier=https%3A%2F%2Ffhir.nhs.uk%2FId%2Fnhs-number%7C9990000018",
                        "X-API-Key", ENV.apiKey(TestEnvironment.CHARITY), null),
                Arguments.of("POST", "/soap/itk/alerts", "X-API-Key", ENV.apiKey(TestEnvironment.CHARITY), soap),
                Arguments.of("POST", "/soap/itk/answers", "X-API-Key", ENV.token(TestEnvironment.OPERATOR), soap),
                Arguments.of("GET", "/api/v1/vcs/referrals", "X-API-Key", ENV.apiKey(TestEnvironment.TRUST), null),
                Arguments.of("GET", "/api/v1/vcs/inbox", "Authorization", basic(TestEnvironment.OPERATOR), null),
                Arguments.of("POST", "/api/v1/consents", "X-API-Key", ENV.token(TestEnvironment.OPERATOR), "{}"),
                Arguments.of("GET", "/api/v1/consents/receipts/r-1", "Authorization", basic(TestEnvironment.AUDITOR), null),
                Arguments.of("POST", "/api/v1/alerts/accesses", "X-API-Key", ENV.apiKey(TestEnvironment.TRUST), "{}"),
                Arguments.of("GET", "/api/v1/alerts/pull-warnings", "X-API-Key", ENV.apiKey(TestEnvironment.CHARITY), null),
                Arguments.of("GET", "/actuator/env", "X-API-Key", ENV.apiKey(TestEnvironment.TRUST), null));
    }

    @ParameterizedTest(name = "{0} {1} as {2}")
    @MethodSource("wrongCallers")
    void theWrongRoleOrAnotherAgencyIsRefusedAndNothingIsKeptOrSent(String method, String path, String header,
                                                                    String credential, String body) throws Exception {
        Map<String, Integer> before = counts();
        HttpResponse<String> r = call(method, path, header, credential, body);
        assertThat(r.statusCode()).as(method + " " + path).isIn(401, 403);
        assertThat(r.body()).doesNotContain(credential);
        assertThat(counts()).as("nothing kept or sent").isEqualTo(before);
    }

    private Map<String, Integer> counts() {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String table : KEPT) {
            out.put(table, jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Integer.class));
        }
        return out;
    }

    private List<Map<String, Object>> actions(String target) {
        return jdbc.queryForList("SELECT person, person_role, action, outcome FROM operator_action WHERE target = ? "
                + "ORDER BY id", target).stream().map(NamedPeopleIT::upper).toList();
    }

    private static Map<String, Object> upper(Map<String, Object> row) {
        Map<String, Object> out = new LinkedHashMap<>();
        row.forEach((k, v) -> out.put(k.toUpperCase(java.util.Locale.ROOT), v));
        return out;
    }

    private static String basic(String person) {
        return ENV.basic(person);
    }

    private HttpResponse<String> call(String method, String path, String header, String credential, String body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(120))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", path.startsWith("/fhir") ? "application/fhir+json"
                    : path.startsWith("/soap") ? "text/xml; charset=UTF-8" : "application/json");
        }
        if (credential != null) {
            b.header(header, credential);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
