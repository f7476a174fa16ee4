package org.seamless.edge.vcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.seamless.adapters.vcswebhook.WebhookSignature;
import org.seamless.adapters.vcswebhook.api.VcsApiServlet;
import org.seamless.edge.AdapterEdges;
import org.seamless.mappings.testdata.TestNhsNumbers;
import org.seamless.mappings.testdata.TestNotices;
import org.seamless.mappings.vcs.ReferralMessages;
import org.seamless.testsupport.SeamlessTestBase;
import org.seamless.testsupport.TestEnvironment;
import org.seamless.testsupport.VerifyingWebhookReceiver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 6 acceptance, end to end through the hub and the privacy chain, with a real HTTP receiver
 * that verifies every webhook signature: consented referrals arrive identifiable; unconsented ones
 * arrive pseudonymised where a (test) rule names a basis for it and not at all otherwise; tampered
 * and replayed webhooks fail verification; one organisation cannot read another's referrals; each
 * class of bad input gets its own problem type and is kept; a discharge notice triggers a
 * home-from-hospital referral, whose outcome goes back to the trust.
 */
class VoluntarySectorIT extends SeamlessTestBase {
    static final String LISTENER = "test-listener";
    static final String CARERS = "test-carers";
    static final String LISTENER_SECRET = TestEnvironment.randomSecret();
    static final VerifyingWebhookReceiver RECEIVER = new VerifyingWebhookReceiver(LISTENER_SECRET);
    static final ObjectMapper JSON = new ObjectMapper();

    static {
        ENV.withAgencies("""
                  - id: %1$s
                    kind: voluntary-org
                    api-key-sha256: ${key:%1$s}
                    adapter:
                      type: vcs-webhook
                      params:
                        webhook-url: %3$s
                        webhook-secret: %4$s
                  - id: %2$s
                    kind: voluntary-org
                    api-key-sha256: ${key:%2$s}
                    adapter:
                      type: vcs-webhook
                      params:
                        webhook-secret: %5$s
                """.formatted(LISTENER, CARERS, RECEIVER.url(), LISTENER_SECRET, TestEnvironment.randomSecret()),
                LISTENER, CARERS);
        ENV.withPseudonymisedReferralsTo(LISTENER);
        ENV.withProperty("seamless.vcs.home-from-hospital", TestEnvironment.CHARITY);
        ENV.withProperty("seamless.vcs.max-body-bytes", "4096");
    }

    @AfterAll
    static void stopReceiver() {
        RECEIVER.close();
    }

    @Autowired
    AdapterEdges adapterEdges;
    @Autowired
    org.seamless.privacy.keys.FieldCipher atRest;
    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    org.seamless.ops.reliability.SinkCircuitBreakers circuits;

    @Test
    void aConsentedReferralArrivesIdentifiableAndSigned() throws Exception {
        String nhs = TestNhsNumbers.FIXED_VALID.get(0);
        consent(nhs, LISTENER);

        String referralId = submitReferral(CARERS, LISTENER, nhs).get("referralId").asText();

        VerifyingWebhookReceiver.Received got = awaitWebhook(referralId);
        assertThat(got.contentType()).startsWith("application/json");
        JsonNode body = JSON.readTree(got.body());
        assertThat(body.get("identifiable").asBoolean()).isTrue();
        assertThat(body.at("/person/nhsNumber").asText()).isEqualTo(nhs);
        assertThat(body.at("/person/familyName").asText()).isEqualTo("Testperson");
        assertThat(body.get("service").asText()).isEqualTo("home-from-hospital");
        assertThat(outcome(referralId, LISTENER)).containsEntry("outcome", "RELEASE_IDENTIFIABLE");
    }

    @Test
    void anUnconsentedReferralIsPseudonymisedWhereTheRuleSaysSoAndWithheldOtherwise() throws Exception {
        String nhs = TestNhsNumbers.FIXED_VALID.get(1);

        String toListener = submitReferral(CARERS, LISTENER, nhs).get("referralId").asText();
        JsonNode body = JSON.readTree(awaitWebhook(toListener).body());
        assertThat(body.get("identifiable").asBoolean()).isFalse();
        assertThat(body.at("/person/pseudonym").asText()).isNotBlank();
        assertThat(body.at("/person/postcodeDistrict").asText()).isEqualTo("LS1");
        assertThat(body.at("/person/ageBand").asText()).isNotBlank();
        assertThat(body.get("needs").toString()).contains("shopping");
        assertThat(body.toString()).doesNotContain(nhs).doesNotContain("Testperson").doesNotContain("Test Street")
                .doesNotContain("1940");
        assertThat(outcome(toListener, LISTENER)).containsEntry("outcome", "RELEASE_PSEUDONYMISED")
                .containsEntry("rule_id", "test-referral-notice-without-consent/without-consent");

        String toCharity = submitReferral(CARERS, TestEnvironment.CHARITY, nhs).get("referralId").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> !outcomes(toCharity).isEmpty());
        assertThat(outcome(toCharity, TestEnvironment.CHARITY)).containsEntry("outcome", "WITHHOLD");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM vcs_mailbox WHERE message_id = ?", Integer.class,
                toCharity)).isZero();
    }

    @Test
    void aTamperedOrReplayedWebhookFailsTheReceiversVerification() throws Exception {
        String nhs = TestNhsNumbers.FIXED_VALID.get(2);
        consent(nhs, LISTENER);
        String referralId = submitReferral(CARERS, LISTENER, nhs).get("referralId").asText();
        VerifyingWebhookReceiver.Received got = awaitWebhook(referralId);

        byte[] tampered = got.text().replace(nhs, TestNhsNumbers.FIXED_VALID.get(3)).getBytes(StandardCharsets.UTF_8);
        assertThat(resend(got.eventId(), got.timestamp(), got.signature(), tampered).statusCode()).isEqualTo(401);
        HttpResponse<String> replay = resend(got.eventId(), got.timestamp(), got.signature(), got.body());
        assertThat(replay.statusCode()).isEqualTo(401);
        assertThat(replay.body()).contains("REPLAYED");
        long old = Instant.now().minus(Duration.ofMinutes(10)).getEpochSecond();
        String oldSignature = new WebhookSignature(LISTENER_SECRET).sign(old, got.eventId(), got.body());
        HttpResponse<String> stale = resend(got.eventId(), Long.toString(old), oldSignature, got.body());
        assertThat(stale.statusCode()).isEqualTo(401);
        assertThat(stale.body()).contains("OUTSIDE_WINDOW");
        assertThat(RECEIVER.acted().get(got.eventId()).body()).isEqualTo(got.body());
    }

    @Test
    void aResendWithTheSameIdempotencyKeyGetsTheFirstReferralAndSendsNothingTwice() throws Exception {
        String nhs = TestNhsNumbers.FIXED_VALID.get(0);
        consent(nhs, LISTENER);
        String key = "resend-" + java.util.UUID.randomUUID();
        JsonNode first = JSON.readTree(postWithKey(CARERS, "/api/v1/vcs/referrals", referralJson(LISTENER, nhs), key).body());
        String referralId = first.get("referralId").asText();
        assertThat(first.get("duplicate").asBoolean()).isFalse();
        awaitWebhook(referralId);

        HttpResponse<String> again = postWithKey(CARERS, "/api/v1/vcs/referrals", referralJson(LISTENER, nhs), key);
        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(again.body()).get("referralId").asText()).isEqualTo(referralId);
        assertThat(JSON.readTree(again.body()).get("duplicate").asBoolean()).isTrue();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM inbound_receipt WHERE message_id = ?", Integer.class,
                referralId)).isEqualTo(1);
        assertThat(RECEIVER.acted().values().stream().filter(r -> r.text().contains(referralId)).count()).isEqualTo(1);

        String otherKey = postWithKey(CARERS, "/api/v1/vcs/referrals", referralJson(LISTENER, nhs), key + "-2").body();
        assertThat(JSON.readTree(otherKey).get("referralId").asText()).as("another key is another referral")
                .isNotEqualTo(referralId);

        HttpResponse<String> bad = postWithKey(CARERS, "/api/v1/vcs/referrals", referralJson(LISTENER, nhs), "no spaces");
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(problemType(bad)).endsWith("/invalid-value");
        assertThat(jdbc.queryForObject("SELECT reason_code FROM quarantine WHERE id = ?", String.class,
                JSON.readTree(bad.body()).get("keptAs").asText())).isEqualTo("invalid-value");
    }

    @Test
    void oneOrganisationsKeyCannotReadAnothersReferrals() throws Exception {
        String nhs = TestNhsNumbers.FIXED_VALID.get(0);
        consent(nhs, LISTENER);
        String referralId = submitReferral(CARERS, LISTENER, nhs).get("referralId").asText();
        awaitWebhook(referralId);

        // why: the hub records the received referral after the webhook's 2xx, so just after the receiver acted
        await().atMost(Duration.ofSeconds(30)).until(() -> get(LISTENER, "/api/v1/vcs/referrals/" + referralId)
                .statusCode() == 200);
        HttpResponse<String> own = get(LISTENER, "/api/v1/vcs/referrals/" + referralId);
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(own.body()).at("/referral/person/nhsNumber").asText()).isEqualTo(nhs);
        assertThat(get(LISTENER, "/api/v1/vcs/referrals").body()).contains(referralId);

        HttpResponse<String> other = get(TestEnvironment.CHARITY, "/api/v1/vcs/referrals/" + referralId);
        HttpResponse<String> none = get(TestEnvironment.CHARITY, "/api/v1/vcs/referrals/no-such-referral");
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(problemType(other)).isEqualTo(problemType(none)).endsWith("/referral-not-found");
        assertThat(other.body()).doesNotContain(nhs);
        assertThat(get(TestEnvironment.CHARITY, "/api/v1/vcs/referrals").body()).doesNotContain(referralId);
        HttpResponse<String> trust = get(TestEnvironment.TRUST, "/api/v1/vcs/referrals");
        assertThat(trust.statusCode()).isEqualTo(403);
        assertThat(problemType(trust)).endsWith("/forbidden");
        HttpResponse<String> noKey = HTTP.send(HttpRequest.newBuilder(uri("/api/v1/vcs/referrals")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(noKey.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(noKey.body()).has("detail")).isFalse();
        HttpResponse<String> foreignOutcome = post(TestEnvironment.CHARITY, "/api/v1/vcs/referrals/" + referralId
                + "/outcome", "{\"status\": \"completed\"}");
        assertThat(foreignOutcome.statusCode()).isEqualTo(404);
    }

    @Test
    void anOrganisationWithoutAWebhookFetchesAndAcknowledgesItsInbox() throws Exception {
        String nhs = TestNhsNumbers.FIXED_VALID.get(3);
        consent(nhs, CARERS);
        String referralId = submitReferral(LISTENER, CARERS, nhs).get("referralId").asText();

        await().atMost(Duration.ofSeconds(30)).until(() -> inbox(0).toString().contains(referralId));
        JsonNode page = inbox(0);
        JsonNode item = null;
        for (JsonNode i : page.get("items")) {
            if (i.at("/body/referralId").asText().equals(referralId)) {
                item = i;
            }
        }
        assertThat(item).isNotNull();
        assertThat(item.at("/body/person/nhsNumber").asText()).isEqualTo(nhs);
        assertThat(inbox(0).get("items")).hasSameSizeAs(page.get("items")); // nothing lost before the ack
        HttpResponse<String> ack = post(CARERS, "/api/v1/vcs/inbox/ack", "{\"cursor\": " + page.get("cursor") + "}");
        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(ack.body()).get("acknowledged").asInt()).isEqualTo(page.get("items").size());
        assertThat(inbox(0).toString()).doesNotContain(referralId); // never delivered twice
        assertThat(get(CARERS, "/api/v1/vcs/referrals/" + referralId).statusCode()).isEqualTo(200);
    }

    @Test
    void aDischargeNoticeTriggersAHomeFromHospitalReferralWhoseOutcomeGoesBackToTheTrust() throws Exception {
        TestNotices.Notice notice = TestNotices.discharge(6601);
        String nhs = notice.details().nhsNumber().value();
        consent(nhs, TestEnvironment.CHARITY);
        // the outcome's consent is recorded by the charity, which discloses it: the trust may not consent for itself
        consent(TestEnvironment.CHARITY, nhs, TestEnvironment.TRUST);

        assertThat(postMessage(ENV.apiKey(TestEnvironment.TRUST), "application/fhir+json", notice.json()).statusCode())
                .isEqualTo(200);
        String referralId = ReferralMessages.derivedReferralId(notice.messageId(), TestEnvironment.CHARITY);
        await().atMost(Duration.ofSeconds(60)).until(() -> get(TestEnvironment.CHARITY,
                "/api/v1/vcs/referrals/" + referralId).statusCode() == 200);
        assertThat(outcome(referralId, TestEnvironment.CHARITY)).containsEntry("outcome", "RELEASE_IDENTIFIABLE");
        JsonNode read = JSON.readTree(get(TestEnvironment.CHARITY, "/api/v1/vcs/referrals/" + referralId).body());
        assertThat(read.at("/referral/service").asText()).isEqualTo("home-from-hospital");
        assertThat(read.get("from").asText()).isEqualTo(TestEnvironment.TRUST);

        HttpResponse<String> sent = post(TestEnvironment.CHARITY, "/api/v1/vcs/referrals/" + referralId + "/outcome",
                "{\"status\": \"completed\", \"outcome\": \"support-provided\"}");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        String outcomeId = JSON.readTree(sent.body()).get("outcomeId").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> !outcomes(outcomeId).isEmpty());
        assertThat(outcomes(outcomeId)).singleElement().satisfies(o -> assertThat(o)
                .containsEntry("recipient_agency", TestEnvironment.TRUST)
                .containsEntry("outcome", "RELEASE_IDENTIFIABLE"));
        await().atMost(Duration.ofSeconds(30)).until(() -> "DELIVERED".equals(jdbc.queryForList(
                "SELECT state FROM delivery WHERE message_id = ? AND recipient_agency = ?", String.class, outcomeId,
                TestEnvironment.TRUST).stream().findFirst().orElse("")));
        assertThat(JSON.readTree(get(TestEnvironment.CHARITY, "/api/v1/vcs/referrals/" + referralId).body())
                .get("status").asText()).isEqualTo("completed");
    }

    @Test
    void eachClassOfBadInputGetsItsOwnProblemAndIsKept() throws Exception {
        String valid = referralJson(LISTENER, TestNhsNumbers.FIXED_VALID.get(0));
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("{\"to\": ", "malformed-json");
        cases.put(valid.replace("\"priority\"", "\"colour\": \"red\", \"priority\""), "unknown-field");
        cases.put(valid.replace("\"service\": \"home-from-hospital\"", "\"service\": 42"), "wrong-type");
        cases.put(valid.replace(TestNhsNumbers.FIXED_VALID.get(0), "9990000017"), "invalid-nhs-number");
        cases.put(valid.replace("\"to\": \"" + LISTENER + "\",", ""), "missing-field");
        cases.put(valid.replace("\"to\": \"" + LISTENER + "\"", "\"to\": \"nobody\""), "unknown-recipient");
        cases.put(valid.replace("Lives alone", "x".repeat(5000)), "payload-too-large");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            HttpResponse<String> r = post(CARERS, "/api/v1/vcs/referrals", c.getKey());
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(problemType(r)).as(c.getValue()).isEqualTo("https://seamless.dev/problems/" + c.getValue());
            assertThat(r.statusCode()).isBetween(400, 499);
            assertThat(r.body()).doesNotContain("9990000017");
            String keptAs = JSON.readTree(r.body()).get("keptAs").asText();
            assertThat(jdbc.queryForObject("SELECT reason_code FROM quarantine WHERE id = ? AND edge = 'vcs-api'",
                    String.class, keptAs)).isEqualTo(c.getValue());
        }
        HttpResponse<String> tooBig = post(CARERS, "/api/v1/vcs/referrals", valid.replace("Lives alone", "x".repeat(5000)));
        assertThat(tooBig.statusCode()).isEqualTo(413);
        HttpResponse<String> text = HTTP.send(HttpRequest.newBuilder(uri("/api/v1/vcs/referrals"))
                .header("X-API-Key", ENV.apiKey(CARERS)).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(valid)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(text.statusCode()).isEqualTo(415);
        HttpResponse<String> badAck = post(CARERS, "/api/v1/vcs/inbox/ack", "{\"cursor\": \"7\"}");
        assertThat(problemType(badAck)).endsWith("/wrong-type");
    }

    @Test
    void theServedOpenApiDocumentParsesAndCoversEveryEndpoint() throws Exception {
        HttpResponse<String> json = HTTP.send(HttpRequest.newBuilder(uri("/api/v1/vcs/openapi.json")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> yaml = HTTP.send(HttpRequest.newBuilder(uri("/api/v1/vcs/openapi.yaml")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(yaml.statusCode()).isEqualTo(200);
        JsonNode doc = JSON.readTree(json.body());
        assertThat(doc.get("openapi").asText()).startsWith("3.");
        assertThat(new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(yaml.body()))
                .isEqualTo(doc);
        List<String> operations = adapterEdges.servlets().stream()
                .filter(s -> s.servlet() instanceof VcsApiServlet)
                .flatMap(s -> ((VcsApiServlet) s.servlet()).operations().stream()).toList();
        assertThat(operations).isNotEmpty();
        for (String operation : operations) {
            String method = operation.substring(0, operation.indexOf(' ')).toLowerCase();
            String path = operation.substring(operation.indexOf(' ') + 1);
            assertThat(doc.at("/paths").has(path)).as(path).isTrue();
            assertThat(doc.get("paths").get(path).has(method)).as(operation).isTrue();
        }
    }

    // --- helpers ---------------------------------------------------------------------------------------

    private void consent(String nhs, String recipient) throws Exception {
        consent(TestEnvironment.TRUST, nhs, recipient);
    }

    private void consent(String recorder, String nhs, String recipient) throws Exception {
        int before = jdbc.queryForObject("SELECT COUNT(*) FROM consent_record WHERE nhs_index = ?", Integer.class,
                atRest.index(org.seamless.privacy.consent.JdbcConsentRegistry.NHS_COLUMN, nhs));
        HttpResponse<String> r = post(recorder, "/api/v1/consents", """
                {"nhsNumber": "%s", "decision": "consent", "purpose": "referral", "recipient": {"agency": "%s"},
                 "reference": "%s"}""".formatted(nhs, recipient, java.util.UUID.randomUUID()));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM consent_record WHERE nhs_index = ?", Integer.class,
                atRest.index(org.seamless.privacy.consent.JdbcConsentRegistry.NHS_COLUMN, nhs)) > before);
    }

    private static String referralJson(String to, String nhs) {
        return """
                {"to": "%s", "service": "home-from-hospital", "needs": ["shopping"], "priority": "routine",
                 "notes": "Lives alone",
                 "person": {"nhsNumber": "%s", "givenName": "Ann", "familyName": "Testperson",
                   "birthDate": "1940-02-03", "gender": "female",
                   "address": {"lines": ["1 Test Street"], "city": "Leeds", "postcode": "LS1 4AP"}}}"""
                .formatted(to, nhs);
    }

    private JsonNode submitReferral(String from, String to, String nhs) throws Exception {
        HttpResponse<String> r = post(from, "/api/v1/vcs/referrals", referralJson(to, nhs));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return JSON.readTree(r.body());
    }

    private VerifyingWebhookReceiver.Received awaitWebhook(String referralId) {
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> RECEIVER.acted().values().stream()
                    .anyMatch(r -> r.text().contains(referralId)));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // why: a timeout alone does not say where the referral stopped; these rows do (test data only)
            throw new AssertionError("webhook for " + referralId + " not acted on within 30 s; disclosure="
                    + outcomes(referralId) + " delivery=" + jdbc.queryForList(
                    "SELECT recipient_agency, state, detail FROM delivery WHERE message_id = ?", referralId)
                    + " failures=" + jdbc.queryForList("SELECT * FROM delivery_failure WHERE message_id = ?", referralId)
                    + " receiverVerdicts=" + RECEIVER.verdicts() + " circuits=" + circuits.states(), e);
        }
        return RECEIVER.acted().values().stream().filter(r -> r.text().contains(referralId)).findFirst().orElseThrow();
    }

    private JsonNode inbox(long after) throws Exception {
        return JSON.readTree(get(CARERS, "/api/v1/vcs/inbox?after=" + after).body());
    }

    private HttpResponse<String> resend(String eventId, String ts, String sig, byte[] body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(RECEIVER.url())).header("Content-Type", "application/json")
                .header(WebhookSignature.EVENT_ID_HEADER, eventId).header(WebhookSignature.TIMESTAMP_HEADER, ts)
                .header(WebhookSignature.SIGNATURE_HEADER, sig).POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private List<Map<String, Object>> outcomes(String messageId) {
        return jdbc.queryForList("SELECT outcome, recipient_agency, rule_id FROM disclosure WHERE message_id = ?",
                messageId);
    }

    private Map<String, Object> outcome(String messageId, String recipient) {
        await().atMost(Duration.ofSeconds(30)).until(() -> outcomes(messageId).stream()
                .anyMatch(o -> recipient.equals(o.get("recipient_agency"))));
        return outcomes(messageId).stream().filter(o -> recipient.equals(o.get("recipient_agency"))).findFirst()
                .orElseThrow();
    }

    private static String problemType(HttpResponse<String> r) throws IOException {
        return JSON.readTree(r.body()).path("type").asText();
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private HttpResponse<String> get(String agency, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).header("X-API-Key", ENV.apiKey(agency)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postWithKey(String agency, String path, String json, String key) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).header("X-API-Key", ENV.apiKey(agency))
                .header("Idempotency-Key", key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String agency, String path, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).header("X-API-Key", ENV.apiKey(agency))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
