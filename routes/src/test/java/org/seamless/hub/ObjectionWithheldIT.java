package org.seamless.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.seamless.mappings.testdata.TestNotices;
import org.seamless.testsupport.SeamlessTestBase;
import org.seamless.testsupport.TestEnvironment;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.seamless.testsupport.SharedContext;

/**
 * A hospital notice for a patient who has objected to sharing with social care: the notice rules
 * cite HSCA 2012 s251B, which does not override an objection (ADR 0003, sharing-rules.yml), so the
 * leg is withheld, not delivered. The ledger shows the withholding under the notice rule with no
 * override, nothing reaches the LA's outbox, and the tracking API shows "withheld" to the sender
 * while the LA, which never had the notice, cannot see it. A notice for someone who has not
 * objected, sent alongside, is released: the objection is what made the difference.
 */
@SharedContext
class ObjectionWithheldIT extends SeamlessTestBase {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void noticeForAPatientWhoObjectedIsWithheldAndTheLedgerAndTrackingShowIt() throws Exception {
        TestNotices.Notice objector = TestNotices.discharge(9401);
        TestNotices.Notice other = TestNotices.discharge(9402);
        String trust = ENV.apiKey(TestEnvironment.TRUST);
        String ref = "objection-" + UUID.randomUUID();
        HttpResponse<String> objection = post("/api/v1/consents", trust, """
                {"nhsNumber": "%s", "decision": "objection", "purpose": "direct-care",
                 "recipient": {"kind": "local-authority"}, "start": "2024-01-01", "end": null, "reference": "%s"}"""
                .formatted(objector.details().nhsNumber().value(), ref));
        assertThat(objection.statusCode()).as(objection.body()).isEqualTo(202);
        await().atMost(WAIT).until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM consent_record WHERE kind = 'OBJECTION'"
                + " AND status = 'ACTIVE'", Integer.class) > 0);

        assertThat(postMessage(trust, "application/fhir+json", objector.json()).statusCode()).isEqualTo(200);
        assertThat(postMessage(trust, "application/fhir+json", other.json()).statusCode()).isEqualTo(200);

        await().atMost(WAIT).until(() -> Files.exists(ENV.outbox(TestEnvironment.LA_CSV)
                .resolve("notice-" + TestEnvironment.TRUST + "_" + other.messageId() + "-g0.csv")));
        await().atMost(WAIT).until(() -> !ledger(objector.messageId()).isEmpty());
        List<Map<String, Object>> entries = ledger(objector.messageId());
        assertThat(entries).singleElement().satisfies(e -> {
            assertThat(e).containsEntry("entry_kind", "DECISION").containsEntry("outcome", "WITHHOLD")
                    .containsEntry("rule_id", "adw-discharge-notice").containsEntry("recipient_agency", TestEnvironment.LA_CSV);
            assertThat(e.get("override_reason")).isNull();
            assertThat((String) e.get("legal_basis")).contains("s251B");
        });
        // the routing reason is on the ledger too, withheld or not (issue 21)
        assertThat(jdbc.queryForList("SELECT recipient_agency FROM ledger_entry WHERE message_id = ? AND entry_kind = 'ROUTING'",
                String.class, objector.messageId())).containsExactly(TestEnvironment.LA_CSV);
        assertThat(ledger(other.messageId())).extracting(e -> e.get("entry_kind") + "/" + e.get("outcome"))
                .startsWith("DECISION/RELEASE_IDENTIFIABLE", "RELEASE/RELEASE_IDENTIFIABLE");
        assertThat(ENV.outbox(TestEnvironment.LA_CSV).resolve("notice-" + TestEnvironment.TRUST + "_"
                + objector.messageId() + "-g0.csv")).doesNotExist();

        HttpResponse<String> asSender = get(objector.messageId(), trust);
        assertThat(asSender.statusCode()).isEqualTo(200);
        JsonNode leg = new ObjectMapper().readTree(asSender.body()).path("recipients").get(0);
        assertThat(leg.path("agency").asText()).isEqualTo(TestEnvironment.LA_CSV);
        assertThat(leg.path("state").asText()).isEqualTo("withheld");
        assertThat(leg.path("history").get(1).path("detail").path("rule").asText()).isEqualTo("adw-discharge-notice");
        assertThat(get(objector.messageId(), ENV.apiKey(TestEnvironment.LA_CSV)).statusCode()).isEqualTo(404);
        assertThat(get(other.messageId(), ENV.apiKey(TestEnvironment.LA_CSV)).statusCode()).isEqualTo(200);
    }

    /** The legs' decision, release and acknowledgement entries (the routing reason is its own entry, ADR 0069). */
    private List<Map<String, Object>> ledger(String messageId) {
        return jdbc.queryForList("SELECT entry_kind, outcome, rule_id, recipient_agency, override_reason, legal_basis"
                + " FROM ledger_entry WHERE message_id = ? AND entry_kind <> 'ROUTING' ORDER BY seq", messageId);
    }

    private HttpResponse<String> post(String path, String key, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json").header("X-API-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String messageId, String key) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/messages/" + messageId
                + "/tracking")).header("X-API-Key", key).build(), HttpResponse.BodyHandlers.ofString());
    }
}
