package org.seamless.hub.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.MessageHeader;
import org.junit.jupiter.api.Test;
import org.seamless.app.demo.webhook.DemoCharityInbox;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.consent.ConsentMessages;
import org.seamless.mappings.message.MessageBundles;
import org.seamless.mappings.testdata.TestNhsNumbers;
import org.seamless.mappings.testdata.TestNotices;
import org.seamless.testsupport.SeamlessTestBase;
import org.seamless.testsupport.TestEnvironment;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.seamless.testsupport.SharedContext;

/**
 * The consents REST API end to end: a consent sent as the simple JSON form lets the next referral
 * reach the charity, its withdrawal withholds the one after; a FHIR Consent is recorded; every kind of
 * bad input gets its own problem type and status and is kept in quarantine.
 */
@SharedContext
class ConsentApiIT extends SeamlessTestBase {
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DemoCharityInbox charity;

    @Test
    void consentReleasesTheReferralAndItsWithdrawalWithholdsTheNext() throws Exception {
        TestNotices.Notice person = TestNotices.discharge(7101);
        String trust = ENV.apiKey(TestEnvironment.TRUST);
        String ref = "api-" + UUID.randomUUID();
        String registryRef = ConsentMessages.referenceFor(TestEnvironment.TRUST, ref);

        HttpResponse<String> created = post("/api/v1/consents", trust, "application/json", form(
                person.details().nhsNumber().value(), "referral", "{\"agency\": \"demo-charity\"}", ref));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
        assertThat(created.body()).contains("\"messageId\"").contains(registryRef);
        await().atMost(Duration.ofSeconds(60)).until(() -> count(registryRef, "ACTIVE") == 1);

        String first = referral(person);
        await().atMost(Duration.ofSeconds(60)).until(() -> outcomes(first).size() == 1);
        assertThat(outcomes(first).get(0)).containsEntry("outcome", "RELEASE_IDENTIFIABLE")
                .containsEntry("consent_ref", registryRef);
        await().atMost(Duration.ofSeconds(60)).until(() -> charity.received().stream()
                .anyMatch(e -> e.body().contains(first)));

        HttpResponse<String> withdrawn = post("/api/v1/consents/" + ref + "/withdrawal", trust, "application/json", "");
        assertThat(withdrawn.statusCode()).as(withdrawn.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> count(registryRef, "WITHDRAWN") == 1);

        String second = referral(person);
        await().atMost(Duration.ofSeconds(60)).until(() -> outcomes(second).size() == 1);
        assertThat(outcomes(second).get(0)).containsEntry("outcome", "WITHHOLD");

        HttpResponse<String> again = post("/api/v1/consents/" + ref + "/withdrawal", trust, "application/json", "");
        assertProblem(again, 409, "conflict");
    }

    @Test
    void fhirConsentWithContainedPatientIsRecorded() throws Exception {
        String nhs = TestNhsNumbers.randomDigits(new Random(7102));
        String id = "fhir-" + UUID.randomUUID().toString().substring(0, 20);
        String consent = """
                {"resourceType": "Consent", "id": "%s", "status": "active",
                 "scope": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/consentscope", "code": "patient-privacy"}]},
                 "category": [{"coding": [{"system": "http://loinc.org", "code": "59284-0"}]}],
                 "contained": [{"resourceType": "Patient", "id": "p", "identifier": [{"system": "https://fhir.nhs.uk/Id/nhs-number", "value": "%s"}]}],
                 "patient": {"reference": "#p"},
                 "provision": {"type": "deny",
                   "purpose": [{"system": "https://seamless.dev/fhir/CodeSystem/seamless-purpose", "code": "secondary-use"}]}}
                """.formatted(id, nhs);
        // a trust, not a charity: a charity may not object to sharing for secondary use (consent authority, ADR 0032)
        HttpResponse<String> r = post("/api/v1/consents", ENV.apiKey(TestEnvironment.TRUST), "application/fhir+json", consent);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        String registryRef = ConsentMessages.referenceFor(TestEnvironment.TRUST, id);
        // an objection naming no recipient covers every agency kind (three records)
        await().atMost(Duration.ofSeconds(60)).until(() -> count(registryRef, "ACTIVE") == 3);
        assertThat(jdbc.queryForList("SELECT DISTINCT kind FROM consent_record WHERE reference = ?", String.class,
                registryRef)).containsExactly("OBJECTION");
    }

    @Test
    void eachBadInputGetsItsOwnProblemAndIsKept() throws Exception {
        String key = ENV.apiKey(TestEnvironment.TRUST);
        String nhs = TestNhsNumbers.randomDigits(new Random(7103));
        String bad = TestNhsNumbers.badCheckDigit(new Random(7104));
        String charity = "{\"agency\": \"demo-charity\"}";
        assertKept(post("/api/v1/consents", key, "application/json", "{\"nhsNumber\": \"" + nhs + "\", "),
                400, "malformed-json");
        assertKept(post("/api/v1/consents", key, "application/json", form(nhs, "referral", charity, "r1")
                .replace("\"reference\"", "\"colour\": \"blue\", \"reference\"")), 400, "unknown-field");
        HttpResponse<String> invalidNhs = post("/api/v1/consents", key, "application/json",
                form(bad, "referral", charity, "r2"));
        assertKept(invalidNhs, 422, "invalid-nhs-number");
        assertThat(invalidNhs.body()).doesNotContain(bad);
        assertKept(post("/api/v1/consents", key, "application/json", form(nhs, "marketing", charity, "r3")),
                422, "unknown-purpose");
        assertKept(post("/api/v1/consents", key, "application/json",
                form(nhs, "referral", "{\"agency\": \"no-such-agency\"}", "r4")), 422, "unknown-recipient");
        assertKept(post("/api/v1/consents", key, "application/json",
                form(nhs, "referral", "{\"kind\": \"pub\"}", "r5")), 422, "unknown-recipient");
        assertKept(post("/api/v1/consents", key, "application/json",
                form(nhs, "referral", charity, "r6").replace("\"consent\"", "\"maybe\"")), 400, "invalid-field");
        assertKept(post("/api/v1/consents", key, "application/fhir+json",
                "{\"resourceType\": \"Consent\", \"status\": \"active\", \"flavour\": \"x\"}"), 400, "unknown-field");
        assertKept(post("/api/v1/consents", key, "application/json", "{\"reference\": \"" + "x".repeat(70_000) + "\"}"),
                413, "payload-too-large");
        assertKept(post("/api/v1/consents/never-sent/withdrawal", key, "application/json", ""), 404,
                "unknown-consent-reference");

        for (String wrongKey : new String[] {null, "not-a-key"}) {
            HttpResponse<String> r = post("/api/v1/consents", wrongKey, "application/json", form(nhs, "referral", charity, "r7"));
            assertProblem(r, 401, "unauthenticated");
            assertThat(r.body()).doesNotContain("detail").doesNotContain("keptAs");
        }
    }

    private void assertKept(HttpResponse<String> r, int status, String type) {
        String keptAs = assertProblem(r, status, type);
        assertThat(keptAs).as("kept reference in " + r.body()).isNotNull();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM quarantine WHERE id = ? AND source_agency = ?",
                Integer.class, keptAs, TestEnvironment.TRUST)).isEqualTo(1);
    }

    private static String assertProblem(HttpResponse<String> r, int status, String type) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        assertThat(r.body()).contains("\"type\":\"https://seamless.dev/problems/" + type + "\"");
        var m = java.util.regex.Pattern.compile("\"keptAs\":\"([^\"]+)\"").matcher(r.body());
        return m.find() ? m.group(1) : null;
    }

    private static String form(String nhs, String purpose, String recipient, String ref) {
        return """
                {"nhsNumber": "%s", "decision": "consent", "purpose": "%s", "recipient": %s,
                 "start": "2024-01-01", "end": null, "reference": "%s"}""".formatted(nhs, purpose, recipient, ref);
    }

    private int count(String reference, String status) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM consent_record WHERE reference = ? AND status = ?",
                Integer.class, reference, status);
    }

    private List<Map<String, Object>> outcomes(String messageId) {
        return jdbc.queryForList("SELECT outcome, consent_ref FROM disclosure WHERE message_id = ?", messageId);
    }

    /** Sends the person's notice again as a referral with a new message id; returns the id. */
    private String referral(TestNotices.Notice person) throws Exception {
        String id = UUID.randomUUID().toString();
        Bundle b = MessageBundles.parse(person.json());
        MessageHeader h = MessageBundles.header(b).orElseThrow();
        h.setId(id);
        b.getEntryFirstRep().setFullUrl("urn:uuid:" + id);
        h.setEvent(new Coding(SeamlessEvent.SYSTEM, SeamlessEvent.REFERRAL.code(), null));
        // why: the first FHIR message warms the UK Core validator up, which is slow on a loaded machine
        HttpResponse<String> r = post("/fhir/$process-message", ENV.apiKey(TestEnvironment.TRUST),
                "application/fhir+json", MessageBundles.toJson(b));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return id;
    }

    private HttpResponse<String> post(String path, String apiKey, String contentType, String body) throws Exception {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(120)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (apiKey != null) {
            req.header("X-API-Key", apiKey);
        }
        return HTTP.send(req.build(), HttpResponse.BodyHandlers.ofString());
    }
}
