package org.seamless.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seamless.mappings.testdata.TestNotices;
import org.seamless.privacy.identify.Subject;
import org.seamless.privacy.ledger.LedgerVerifier;
import org.seamless.privacy.record.SubjectIndex;
import org.seamless.testsupport.SeamlessTestBase;
import org.seamless.testsupport.TestEnvironment;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.seamless.testsupport.SharedContext;

/**
 * Issue 21, ledger completeness: the routing reason of a residence-routed notice (ADR 0062) and a
 * council's query of who accessed its alerts are ledger entries about the person, chained with the rest;
 * the ledger still verifies.
 */
@SharedContext
class LedgerCompletenessIT extends SeamlessTestBase {
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    SubjectIndex index;
    @Autowired
    LedgerVerifier verifier;

    @Test
    void theRoutingReasonOfANoticeIsALedgerEntryBesideItsDisclosure() throws Exception {
        TestNotices.Notice notice = TestNotices.discharge(7401);
        HttpResponse<String> r = postMessage(ENV.apiKey(TestEnvironment.TRUST), "application/fhir+json", notice.json());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(90)).until(() -> kinds(notice.messageId()).contains("RELEASE"));

        Map<String, Object> routing = jdbc.queryForMap("SELECT l.outcome, l.override_reason, l.subject_index,"
                + " l.recipient_agency, d.reason FROM ledger_entry l JOIN routing_decision d ON d.message_id = l.message_id"
                + " AND d.recipient_agency = l.recipient_agency WHERE l.message_id = ? AND l.entry_kind = 'ROUTING'",
                notice.messageId());
        assertThat(routing.get("outcome")).isEqualTo(routing.get("reason"));
        assertThat((String) routing.get("override_reason")).contains((String) routing.get("reason"));
        assertThat(routing.get("subject_index")).isEqualTo(index.indexOf(Subject.identified(notice.details().nhsNumber())));
        // recorded before the chain decided, so before the decision it led to
        assertThat(kinds(notice.messageId())).startsWith("ROUTING", "DECISION");
        assertThat(verifier.verify(List.of()).intact()).isTrue();
    }

    @Test
    void aCouncilsAlertAccessQueryIsALedgerEntry() throws Exception {
        TestNotices.Notice person = TestNotices.discharge(7402);
        String subject = index.indexOf(Subject.identified(person.details().nhsNumber()));
        int before = count(subject);
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/v1/alerts/accesses")).header("X-API-Key", ENV.apiKey(TestEnvironment.LA_CSV))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"nhsNumber\": \"" + person.details().nhsNumber().value() + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(count(subject)).isEqualTo(before + 1);
        Map<String, Object> e = jdbc.queryForMap("SELECT recipient_agency, outcome, purpose, legal_basis, payload_digest"
                + " FROM ledger_entry WHERE subject_index = ? AND entry_kind = 'ALERT_ACCESS_QUERY' ORDER BY seq DESC"
                + " LIMIT 1", subject);
        assertThat(e).containsEntry("recipient_agency", TestEnvironment.LA_CSV).containsEntry("outcome", "ANSWERED")
                .containsEntry("purpose", "safeguarding");
        assertThat(e.get("payload_digest")).isNotNull();
        assertThat(verifier.verify(List.of()).intact()).isTrue();
    }

    private int count(String subject) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM ledger_entry WHERE subject_index = ? AND entry_kind ="
                + " 'ALERT_ACCESS_QUERY'", Integer.class, subject);
    }

    private List<String> kinds(String messageId) {
        return jdbc.queryForList("SELECT entry_kind FROM ledger_entry WHERE message_id = ? ORDER BY seq", String.class,
                messageId);
    }
}
