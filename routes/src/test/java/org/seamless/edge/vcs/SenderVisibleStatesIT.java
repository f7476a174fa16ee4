package org.seamless.edge.vcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.registry.AgencyRegistry;
import org.seamless.mappings.canonical.AgencyKind;
import org.seamless.mappings.testdata.TestNhsNumbers;
import org.seamless.mappings.testdata.TestNotices;
import org.seamless.testsupport.SeamlessTestBase;
import org.seamless.testsupport.TestEnvironment;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 24 faults 3 to 6 and issue 26 item 2, end to end: outcomes between every ordered pair of
 * voluntary organisations in the registry reach the referrer and are recorded; a withheld referral
 * shows as withheld to its sender, with the rule; a consent submission answers with a receipt whose
 * status can be read; the FHIR edge refuses a body that is not a FHIR media type.
 */
class SenderVisibleStatesIT extends SeamlessTestBase {
    static final String BEFRIENDERS = "test-befrienders";
    static final String CARERS_NORTH = "test-carers-north";
    static final ObjectMapper JSON = new ObjectMapper();

    static {
        ENV.withCharities(BEFRIENDERS, CARERS_NORTH);
    }

    @Autowired
    org.seamless.privacy.keys.FieldCipher atRest;
    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    AgencyRegistry registry;

    @Test
    void anOutcomeGoesBackToTheReferrerForEveryPairOfVoluntaryOrganisations() throws Exception {
        List<String> orgs = registry.ofKind(AgencyKind.VOLUNTARY_ORG).stream().map(AgencyConfig::id).toList();
        assertThat(orgs).hasSizeGreaterThanOrEqualTo(3);
        String nhs = TestNhsNumbers.FIXED_VALID.get(0);
        for (String org : orgs) {
            consent(nhs, org);
        }
        for (String from : orgs) {
            for (String to : orgs) {
                if (from.equals(to)) {
                    continue;
                }
                String referralId = submitReferral(from, to, nhs);
                await().atMost(Duration.ofSeconds(30)).until(() -> get(to, "/api/v1/vcs/referrals/" + referralId)
                        .statusCode() == 200);
                HttpResponse<String> sent = post(to, "/api/v1/vcs/referrals/" + referralId + "/outcome",
                        "{\"status\": \"completed\", \"outcome\": \"support-provided\"}");
                assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
                String outcomeId = JSON.readTree(sent.body()).get("outcomeId").asText();

                String pair = from + " -> " + to + " -> " + from;
                await().atMost(Duration.ofSeconds(30)).alias(pair).until(() -> !disclosures(outcomeId).isEmpty());
                assertThat(disclosures(outcomeId)).as(pair).singleElement().satisfies(d -> assertThat(d)
                        .containsEntry("recipient_agency", from).containsEntry("outcome", "RELEASE_IDENTIFIABLE"));
                await().atMost(Duration.ofSeconds(30)).alias(pair).until(() -> jdbc.queryForObject(
                        "SELECT COUNT(*) FROM vcs_mailbox WHERE agency_id = ? AND message_id = ?", Integer.class, from,
                        outcomeId) == 1);
                JsonNode tracking = JSON.readTree(get(to, "/api/v1/messages/" + outcomeId + "/tracking").body());
                assertThat(tracking.get("recipients")).as(pair).isNotEmpty();
                await().atMost(Duration.ofSeconds(30)).alias(pair).until(() -> "outcome-received".equals(
                        JSON.readTree(get(from, "/api/v1/vcs/referrals/" + referralId).body()).path("status").asText()));
                JsonNode read = JSON.readTree(get(from, "/api/v1/vcs/referrals/" + referralId).body());
                assertThat(read.get("outcomeId").asText()).as(pair).isEqualTo(outcomeId);
            }
        }
    }

    @Test
    void aWithheldReferralShowsAsWithheldToItsSenderWithTheRule() throws Exception {
        String nhs = TestNhsNumbers.FIXED_VALID.get(1); // no consent recorded for this person
        String referralId = submitReferral(CARERS_NORTH, BEFRIENDERS, nhs);

        await().atMost(Duration.ofSeconds(30)).until(() -> "withheld".equals(
                JSON.readTree(get(CARERS_NORTH, "/api/v1/vcs/referrals/" + referralId).body()).path("status").asText()));
        JsonNode read = JSON.readTree(get(CARERS_NORTH, "/api/v1/vcs/referrals/" + referralId).body());
        assertThat(read.at("/withheld/rule").asText()).isEqualTo("referral-from-vcs");
        assertThat(read.toString()).doesNotContain(nhs);
        JsonNode list = JSON.readTree(get(CARERS_NORTH, "/api/v1/vcs/referrals").body());
        assertThat(list.get("referrals").toString()).contains("\"withheld\"");
    }

    @Test
    void aDeliveredReferralShowsAsDeliveredToItsSender() throws Exception {
        String nhs = TestNhsNumbers.FIXED_VALID.get(2);
        consent(nhs, TestEnvironment.CHARITY);
        String referralId = submitReferral(CARERS_NORTH, TestEnvironment.CHARITY, nhs);

        await().atMost(Duration.ofSeconds(30)).until(() -> "delivered".equals(
                JSON.readTree(get(CARERS_NORTH, "/api/v1/vcs/referrals/" + referralId).body()).path("status").asText()));
    }

    @Test
    void aConsentSubmissionAnswersWithAReceiptWhoseStatusCanBeRead() throws Exception {
        String nhs = TestNhsNumbers.FIXED_VALID.get(3);
        HttpResponse<String> r = post(TestEnvironment.TRUST, "/api/v1/consents", consentJson(nhs, BEFRIENDERS));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        String receipt = JSON.readTree(r.body()).path("receiptId").asText();
        assertThat(receipt).isNotBlank();

        await().atMost(Duration.ofSeconds(30)).until(() -> "applied".equals(JSON.readTree(
                get(TestEnvironment.TRUST, "/api/v1/consents/receipts/" + receipt).body()).path("status").asText()));
        assertThat(get(TestEnvironment.CHARITY, "/api/v1/consents/receipts/" + receipt).statusCode())
                .as("another agency's receipt is not found").isEqualTo(404);
        assertThat(get(TestEnvironment.TRUST, "/api/v1/consents/receipts/no-such-receipt").statusCode()).isEqualTo(404);
    }

    @Test
    void theFhirEdgeRefusesABodyThatIsNotAFhirMediaTypeAndKeepsIt() throws Exception {
        int before = jdbc.queryForObject("SELECT COUNT(*) FROM quarantine WHERE edge = 'nhs-fhir'", Integer.class);
        HttpResponse<String> text = postMessage(ENV.apiKey(TestEnvironment.TRUST), "text/plain",
                TestNotices.discharge(2403).json());
        assertThat(text.statusCode()).as(text.body()).isEqualTo(415);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM quarantine WHERE edge = 'nhs-fhir'", Integer.class))
                .isEqualTo(before + 1);
        assertThat(postMessage(ENV.apiKey(TestEnvironment.TRUST), "application/fhir+json; charset=utf-8",
                TestNotices.discharge(2404).json()).statusCode()).isEqualTo(200);
    }

    @Test
    void noAcceptedMessageIsLeftWithoutAFinalStateAndTheOperatorCanListThoseThatAre() throws Exception {
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            TestNotices.Notice n = TestNotices.notice(List.of(org.seamless.mappings.canonical.SeamlessEvent.ADMISSION_NOTICE,
                    org.seamless.mappings.canonical.SeamlessEvent.DISCHARGE_NOTICE).get(i % 2), 2410 + i);
            assertThat(postMessage(ENV.apiKey(TestEnvironment.TRUST), "application/fhir+json", n.json()).statusCode())
                    .isEqualTo(200);
            ids.add(n.messageId());
        }
        String nhs = TestNhsNumbers.FIXED_VALID.get(2);
        consent(nhs, CARERS_NORTH);
        ids.add(submitReferral(BEFRIENDERS, CARERS_NORTH, nhs)); // consented
        ids.add(submitReferral(CARERS_NORTH, BEFRIENDERS, TestNhsNumbers.FIXED_VALID.get(1))); // withheld

        await().atMost(Duration.ofSeconds(60)).until(() -> {
            String unsettled = ops("/api/ops/unsettled?olderThanSeconds=0").body();
            return ids.stream().noneMatch(unsettled::contains);
        });
        for (String id : ids) {
            assertThat(disclosures(id)).as(id).isNotEmpty();
        }
        assertThat(HTTP.send(HttpRequest.newBuilder(uri("/api/ops/unsettled")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        assertThat(ops("/api/ops/unsettled?olderThanSeconds=soon").statusCode()).isEqualTo(400);
        JsonNode listed = JSON.readTree(ops("/api/ops/unsettled?olderThanSeconds=86400").body());
        assertThat(listed.get("olderThanSeconds").asLong()).isEqualTo(86400);
        assertThat(listed.get("messages").isArray()).isTrue();
    }

    private HttpResponse<String> ops(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).header("X-API-Key", ENV.opsApiKey()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    // --- helpers ---------------------------------------------------------------------------------------

    private static String consentJson(String nhs, String recipient) {
        return """
                {"nhsNumber": "%s", "decision": "consent", "purpose": "referral", "recipient": {"agency": "%s"},
                 "reference": "%s"}""".formatted(nhs, recipient, java.util.UUID.randomUUID());
    }

    private void consent(String nhs, String recipient) throws Exception {
        int before = jdbc.queryForObject("SELECT COUNT(*) FROM consent_record WHERE nhs_index = ?", Integer.class,
                atRest.index(org.seamless.privacy.consent.JdbcConsentRegistry.NHS_COLUMN, nhs));
        HttpResponse<String> r = post(TestEnvironment.TRUST, "/api/v1/consents", consentJson(nhs, recipient));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM consent_record WHERE nhs_index = ?", Integer.class,
                atRest.index(org.seamless.privacy.consent.JdbcConsentRegistry.NHS_COLUMN, nhs)) > before);
    }

    private String submitReferral(String from, String to, String nhs) throws Exception {
        HttpResponse<String> r = post(from, "/api/v1/vcs/referrals", """
                {"to": "%s", "service": "befriending", "needs": ["company"], "priority": "routine",
                 "person": {"nhsNumber": "%s", "givenName": "Ann", "familyName": "Testperson",
                   "birthDate": "1940-02-03", "gender": "female",
                   "address": {"lines": ["1 Test Street"], "city": "Leeds", "postcode": "LS1 4AP"}}}"""
                .formatted(to, nhs));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return JSON.readTree(r.body()).get("referralId").asText();
    }

    private List<java.util.Map<String, Object>> disclosures(String messageId) {
        return jdbc.queryForList("SELECT outcome, recipient_agency, rule_id FROM disclosure WHERE message_id = ?",
                messageId);
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private HttpResponse<String> get(String agency, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).header("X-API-Key", ENV.apiKey(agency)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String agency, String path, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).header("X-API-Key", ENV.apiKey(agency))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
