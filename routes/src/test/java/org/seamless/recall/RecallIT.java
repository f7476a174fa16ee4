package org.seamless.recall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.MessageHeader;
import org.junit.jupiter.api.Test;
import org.seamless.app.demo.webhook.DemoCharityInbox;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.consent.ConsentMessages;
import org.seamless.mappings.message.MessageBundles;
import org.seamless.mappings.recall.RecallMessages;
import org.seamless.mappings.testdata.TestNotices;
import org.seamless.privacy.ledger.LedgerVerifier;
import org.seamless.testsupport.SeamlessTestBase;
import org.seamless.testsupport.TestEnvironment;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.seamless.testsupport.SharedContext;

/**
 * Recall end to end (ADR 0069): a referral released to the charity under a consent; the consent is
 * withdrawn through the API; the charity's webhook receiver (which verifies every signature) gets one
 * recall event naming the referral and nothing about the person; the ledger holds the recall's
 * decision, release and acknowledgement and a RECALL entry on the referral; the trust's tracking of
 * its referral shows it recalled; a statutory notice the same person's objection concerns is not
 * recalled and the ledger says why; the ledger still verifies.
 */
@SharedContext
class RecallIT extends SeamlessTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DemoCharityInbox charity;
    @Autowired
    LedgerVerifier verifier;

    @Test
    void withdrawingConsentRecallsTheReferralAtTheCharity() throws Exception {
        TestNotices.Notice person = TestNotices.discharge(7301);
        String nhs = person.details().nhsNumber().value();
        String trust = ENV.apiKey(TestEnvironment.TRUST);
        String ref = "recall-" + UUID.randomUUID();
        String registryRef = ConsentMessages.referenceFor(TestEnvironment.TRUST, ref);

        HttpResponse<String> created = post("/api/v1/consents", trust, "application/json", """
                {"nhsNumber": "%s", "decision": "consent", "purpose": "referral", "recipient": {"agency": "%s"},
                 "start": "2024-01-01", "end": null, "reference": "%s"}""".formatted(nhs, TestEnvironment.CHARITY, ref));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(90)).until(() -> count(registryRef, "ACTIVE") == 1);

        String referral = send(person, SeamlessEvent.REFERRAL);
        await().atMost(Duration.ofSeconds(90)).until(() -> charity.received().stream()
                .anyMatch(e -> e.body().contains(referral)));
        String notice = send(person, SeamlessEvent.DISCHARGE_NOTICE);
        await().atMost(Duration.ofSeconds(90)).until(() -> kinds(notice).contains("RELEASE"));

        HttpResponse<String> withdrawn = post("/api/v1/consents/" + ref + "/withdrawal", trust, "application/json", "");
        assertThat(withdrawn.statusCode()).as(withdrawn.body()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(90)).until(() -> recalls(referral).size() == 1);
        JsonNode recall = JSON.readTree(recalls(referral).get(0).body());
        assertThat(recall.get("instruction").asText()).isEqualTo(RecallMessages.INSTRUCTION);
        assertThat(recall.get("messages")).hasSize(1);
        assertThat(recall.get("messages").get(0).get("messageId").asText()).isEqualTo(referral);
        assertThat(recall.get("messages").get(0).get("from").asText()).isEqualTo(TestEnvironment.TRUST);
        assertThat(recalls(referral).get(0).body()).doesNotContain(nhs).doesNotContain(person.details().familyName());
        String recallId = recall.get("recallId").asText();

        // the ledger: a RECALL entry on the referral naming the recall; the recall's own decision, release, acknowledgement
        await().atMost(Duration.ofSeconds(90)).until(() -> kinds(recallId).contains("ACKNOWLEDGEMENT"));
        assertThat(kinds(recallId)).containsExactly("DECISION", "RELEASE", "ACKNOWLEDGEMENT");
        Map<String, Object> recallEntry = jdbc.queryForMap("SELECT outcome, consent_ref, override_reason, recipient_agency"
                + " FROM ledger_entry WHERE message_id = ? AND entry_kind = 'RECALL'", referral);
        assertThat(recallEntry).containsEntry("outcome", "RECALLED").containsEntry("consent_ref", registryRef)
                .containsEntry("recipient_agency", TestEnvironment.CHARITY);
        assertThat((String) recallEntry.get("override_reason")).startsWith("recall " + recallId + ":");
        assertThat(jdbc.queryForObject("SELECT outcome FROM ledger_entry WHERE message_id = ? AND entry_kind ="
                + " 'ACKNOWLEDGEMENT'", String.class, recallId)).isEqualTo("DELIVERED");

        // tracking: the trust sees its referral recalled, with the recall's id
        JsonNode tracked = JSON.readTree(get("/api/v1/messages/" + referral + "/tracking", trust).body());
        JsonNode leg = tracked.get("recipients").get(0);
        assertThat(leg.get("state").asText()).isEqualTo("recalled");
        assertThat(leg.toString()).contains(recallId);

        String council = jdbc.queryForObject("SELECT recipient_agency FROM ledger_entry WHERE message_id = ? AND"
                + " entry_kind = 'RELEASE'", String.class, notice);
        // an objection to the council about direct care: the statutory notice is not recalled, and the ledger says why
        HttpResponse<String> objection = post("/api/v1/consents", trust, "application/json", """
                {"nhsNumber": "%s", "decision": "objection", "purpose": "direct-care", "recipient": {"agency": "%s"},
                 "start": "2024-01-01", "end": null, "reference": "%s"}""".formatted(nhs, council,
                "obj-" + UUID.randomUUID()));
        assertThat(objection.statusCode()).as(objection.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(90)).until(() -> kinds(notice).contains("NOT_RECALLED"));
        assertThat(jdbc.queryForObject("SELECT override_reason FROM ledger_entry WHERE message_id = ? AND entry_kind ="
                + " 'NOT_RECALLED'", String.class, notice)).contains("does not rest on consent");
        assertThat(recalls(referral)).hasSize(1);
        assertThat(verifier.verify(java.util.List.of()).intact()).isTrue();
    }

    /** The recalls the charity received that name this referral (other classes in the shared context recall too). */
    private List<DemoCharityInbox.Event> recalls(String referral) {
        return charity.received().stream().filter(e -> e.body().contains("\"type\":\"recall\"")
                && e.body().contains(referral)).toList();
    }

    private List<String> kinds(String messageId) {
        return jdbc.queryForList("SELECT entry_kind FROM ledger_entry WHERE message_id = ? ORDER BY seq", String.class,
                messageId);
    }

    private int count(String reference, String status) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM consent_record WHERE reference = ? AND status = ?",
                Integer.class, reference, status);
    }

    /** Sends the person's notice again as the given event with a new message id; returns the id. */
    private String send(TestNotices.Notice person, SeamlessEvent event) throws Exception {
        String id = UUID.randomUUID().toString();
        Bundle b = MessageBundles.parse(person.json());
        MessageHeader h = MessageBundles.header(b).orElseThrow();
        h.setId(id);
        b.getEntryFirstRep().setFullUrl("urn:uuid:" + id);
        h.setEvent(new Coding(SeamlessEvent.SYSTEM, event.code(), null));
        HttpResponse<String> r = postMessage(ENV.apiKey(TestEnvironment.TRUST), "application/fhir+json",
                MessageBundles.toJson(b));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return id;
    }

    private HttpResponse<String> post(String path, String key, String type, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("X-API-Key", key).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String key) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("X-API-Key", key).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
