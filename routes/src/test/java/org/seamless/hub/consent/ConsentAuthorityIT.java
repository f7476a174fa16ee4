package org.seamless.hub.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.MessageHeader;
import org.junit.jupiter.api.Test;
import org.seamless.app.demo.webhook.DemoCharityInbox;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.message.MessageBundles;
import org.seamless.mappings.testdata.TestNotices;
import org.seamless.testsupport.SeamlessTestBase;
import org.seamless.testsupport.TestEnvironment;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.seamless.testsupport.SharedContext;

/**
 * Consent authority (docs/privacy.md section 4, ADR 0032): an agency may record consents and
 * objections only where the consent authority policy lets its kind, and never consent for itself.
 * The two cases an outside probe showed: an unrelated charity's objection withheld a trust's
 * discharge notice to a council, and a charity recorded consent for itself and then received an
 * identifiable referral. A record already in the registry from a recorder without authority (made
 * before the policy existed) is ignored by the decision.
 */
@SharedContext
class ConsentAuthorityIT extends SeamlessTestBase {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Autowired
    org.seamless.privacy.keys.FieldCipher atRest;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DemoCharityInbox charityInbox;

    @Test
    void aCharitysObjectionToCouncilSharingDoesNotWithholdATrustsDischargeNotice() throws Exception {
        TestNotices.Notice person = TestNotices.discharge(9411);
        HttpResponse<String> objection = postForm(ENV.apiKey(TestEnvironment.CHARITY), """
                {"nhsNumber": "%s", "decision": "objection", "purpose": "direct-care",
                 "recipient": {"kind": "local-authority"}, "reference": "%s"}"""
                .formatted(person.details().nhsNumber().value(), "charity-" + UUID.randomUUID()));
        if (objection.statusCode() == 202) { // what the hub did before consent authority: wait until it is applied
            await().atMost(WAIT).until(() -> records(person, "OBJECTION") > 0);
        }

        assertThat(postMessage(ENV.apiKey(TestEnvironment.TRUST), "application/fhir+json", person.json()).statusCode())
                .isEqualTo(200);
        await().atMost(WAIT).until(() -> !decisions(person.messageId()).isEmpty());
        assertThat(decisions(person.messageId())).singleElement().satisfies(d -> assertThat(d)
                .containsEntry("outcome", "RELEASE_IDENTIFIABLE").containsEntry("recipient_agency", TestEnvironment.LA_CSV));

        String keptAs = assertNotAuthorised(objection);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM quarantine WHERE id = ? AND source_agency = ?",
                Integer.class, keptAs, TestEnvironment.CHARITY)).isEqualTo(1);
        assertThat(records(person, "OBJECTION")).isZero();
    }

    @Test
    void aCharityCannotConsentForItselfAndGetsNoIdentifiableReferral() throws Exception {
        TestNotices.Notice person = TestNotices.discharge(9412);
        HttpResponse<String> consent = postForm(ENV.apiKey(TestEnvironment.CHARITY), """
                {"nhsNumber": "%s", "decision": "consent", "purpose": "referral",
                 "recipient": {"agency": "%s"}, "reference": "%s"}"""
                .formatted(person.details().nhsNumber().value(), TestEnvironment.CHARITY, "self-" + UUID.randomUUID()));
        if (consent.statusCode() == 202) {
            await().atMost(WAIT).until(() -> records(person, "CONSENT") > 0);
        }

        String referralId = UUID.randomUUID().toString();
        assertThat(postMessage(ENV.apiKey(TestEnvironment.TRUST), "application/fhir+json", referral(person, referralId))
                .statusCode()).isEqualTo(200);
        await().atMost(WAIT).until(() -> !decisions(referralId).isEmpty());
        assertThat(decisions(referralId)).singleElement().satisfies(d -> assertThat(d)
                .containsEntry("outcome", "WITHHOLD").containsEntry("recipient_agency", TestEnvironment.CHARITY));
        assertThat(charityInbox.received()).noneMatch(e -> e.body().contains(referralId));

        assertNotAuthorised(consent);
        assertThat(records(person, "CONSENT")).isZero();
    }

    @Test
    void aRecordAlreadyInTheRegistryFromARecorderWithoutAuthorityIsIgnoredAndAnAuthorisedOneIsNamed() throws Exception {
        TestNotices.Notice person = TestNotices.discharge(9413);
        // as the probe left it: a charity's objection recorded before the policy existed
        insert(person, "OBJECTION", "direct-care", "kind", "local-authority", TestEnvironment.CHARITY, "old-" + UUID.randomUUID());
        assertThat(postMessage(ENV.apiKey(TestEnvironment.TRUST), "application/fhir+json", person.json()).statusCode())
                .isEqualTo(200);
        await().atMost(WAIT).until(() -> !decisions(person.messageId()).isEmpty());
        assertThat(decisions(person.messageId())).singleElement().satisfies(d -> assertThat(d)
                .containsEntry("outcome", "RELEASE_IDENTIFIABLE").containsEntry("consent_recorder", null));

        // the trust's own consent to the referral: the ledger names the record and its recorder
        String ref = "trust-" + UUID.randomUUID();
        HttpResponse<String> ok = postForm(ENV.apiKey(TestEnvironment.TRUST), """
                {"nhsNumber": "%s", "decision": "consent", "purpose": "referral",
                 "recipient": {"agency": "%s"}, "reference": "%s"}"""
                .formatted(person.details().nhsNumber().value(), TestEnvironment.CHARITY, ref));
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(202);
        await().atMost(WAIT).until(() -> records(person, "CONSENT") > 0);
        String referralId = UUID.randomUUID().toString();
        assertThat(postMessage(ENV.apiKey(TestEnvironment.TRUST), "application/fhir+json", referral(person, referralId))
                .statusCode()).isEqualTo(200);
        await().atMost(WAIT).until(() -> !decisions(referralId).isEmpty());
        assertThat(decisions(referralId)).singleElement().satisfies(d -> {
            assertThat(d).containsEntry("outcome", "RELEASE_IDENTIFIABLE")
                    .containsEntry("consent_recorder", TestEnvironment.TRUST);
            assertThat((String) d.get("consent_ref")).endsWith("|" + ref);
        });
    }

    @Test
    void aCsvRowTheCouncilMayNotRecordIsRejectedWithItsOwnCodeAndTheFileKept() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        TestNotices.Notice person = TestNotices.discharge(9414);
        String name = "consents-" + run + ".csv";
        String csv = "reference,nhs_number,decision,purpose,recipient_agency,recipient_kind,start_date,end_date,status\n"
                + "self-" + run + "," + person.details().nhsNumber().value() + ",consent,referral,"
                + TestEnvironment.LA_CSV + ",,,,\n";
        java.nio.file.Path inbox = ENV.inbox(TestEnvironment.LA_CSV);
        java.nio.file.Files.createDirectories(inbox);
        java.nio.file.Path temp = inbox.getParent().resolve(name + ".tmp");
        java.nio.file.Files.writeString(temp, csv);
        java.nio.file.Files.move(temp, inbox.resolve(name), java.nio.file.StandardCopyOption.ATOMIC_MOVE);

        java.nio.file.Path failed = inbox.resolve("failed");
        await().atMost(WAIT).until(() -> java.nio.file.Files.exists(failed.resolve(name))
                && java.nio.file.Files.exists(failed.resolve(name + ".rejects.csv")));
        assertThat(java.nio.file.Files.readAllLines(failed.resolve(name + ".rejects.csv")).get(1))
                .startsWith("2,consent-not-authorised,").doesNotContain(person.details().nhsNumber().value());
        assertThat(records(person, "CONSENT")).isZero();
    }

    private String assertNotAuthorised(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
        assertThat(r.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        assertThat(r.body()).contains("\"type\":\"https://seamless.dev/problems/consent-not-authorised\"");
        var m = Pattern.compile("\"keptAs\":\"([^\"]+)\"").matcher(r.body());
        assertThat(m.find()).as(r.body()).isTrue();
        return m.group(1);
    }

    private int records(TestNotices.Notice person, String kind) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM consent_record WHERE nhs_index = ? AND kind = ?",
                Integer.class, atRest.index(org.seamless.privacy.consent.JdbcConsentRegistry.NHS_COLUMN, person.details().nhsNumber().value()), kind);
    }

    private void insert(TestNotices.Notice person, String kind, String purpose, String scopeType, String scopeValue,
                        String source, String reference) {
        Timestamp past = Timestamp.from(Instant.parse("2024-01-01T00:00:00Z"));
        String nhs = person.details().nhsNumber().value();
        jdbc.update("INSERT INTO consent_record (nhs_number, nhs_index, reference, kind, purpose, scope_type,"
                        + " scope_value, period_start, period_end, status, source, recorded_at, recorder)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, 'ACTIVE', ?, ?, ?)",
                atRest.seal(org.seamless.privacy.consent.JdbcConsentRegistry.NHS_COLUMN, nhs), atRest.index(org.seamless.privacy.consent.JdbcConsentRegistry.NHS_COLUMN, nhs), reference, kind, purpose, scopeType, scopeValue, past, source, past,
                source);
    }

    private List<Map<String, Object>> decisions(String messageId) {
        return jdbc.queryForList("SELECT * FROM ledger_entry WHERE message_id = ? AND entry_kind = 'DECISION'",
                messageId).stream().map(ConsentAuthorityIT::lowerKeys).toList();
    }

    private static Map<String, Object> lowerKeys(Map<String, Object> row) {
        Map<String, Object> out = new java.util.HashMap<>();
        row.forEach((k, v) -> out.put(k.toLowerCase(java.util.Locale.ROOT), v));
        return out;
    }

    private HttpResponse<String> postForm(String key, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/consents"))
                .header("Content-Type", "application/json").header("X-API-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String referral(TestNotices.Notice person, String messageId) {
        Bundle b = MessageBundles.parse(person.json());
        MessageHeader h = MessageBundles.header(b).orElseThrow();
        h.setId(messageId);
        b.getEntryFirstRep().setFullUrl("urn:uuid:" + messageId);
        h.setEvent(new Coding(SeamlessEvent.SYSTEM, SeamlessEvent.REFERRAL.code(), null));
        return MessageBundles.toJson(b);
    }
}
