package org.seamless.hub.notshared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;
import org.seamless.adapters.registry.AgencyRegistry;
import org.seamless.adapters.spi.InboundGate;
import org.seamless.mappings.alert.AlertMessages;
import org.seamless.mappings.alert.AlertType;
import org.seamless.mappings.alert.SocialCareAlert;
import org.seamless.mappings.canonical.FhirContexts;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.message.MessageBundles;
import org.seamless.ops.console.ig.DisclosureLines;
import org.seamless.ops.console.ig.IgConsole;
import org.seamless.privacy.identify.Subject;
import org.seamless.privacy.ledger.LedgerVerifier;
import org.seamless.privacy.notshared.NotSharedDecisionEngine;
import org.seamless.privacy.record.SubjectIndex;
import org.seamless.testsupport.SeamlessTestBase;
import org.seamless.testsupport.TestEnvironment;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.seamless.testsupport.SharedContext;

/**
 * Issue 20, ADR 0082: a council records a decision not to share a child's alert with a trust ("more
 * detrimental to the child"), with who decided and why. From then the hub withholds the item from that
 * trust, pulled or pushed; the ledger holds a NOT_SHARED entry (chained, verified) and a WITHHOLD decision
 * per withheld leg; the IG report shows the decision with who decided and why.
 */
@SharedContext
class DecisionNotToShareIT extends SeamlessTestBase {
    static final Duration LONG = Duration.ofMinutes(3);
    static final String CHILD = nhs("999000032");

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    InboundGate gate;
    @Autowired
    AgencyRegistry registry;
    @Autowired
    LedgerVerifier verifier;
    @Autowired
    SubjectIndex index;
    @Autowired
    IgConsole ig;

    @Test
    void aRecordedDecisionWithholdsTheItemAndIsOnTheLedgerAndInTheIgReport() throws Exception {
        admit(SeamlessEvent.ALERT_START);
        await().atMost(LONG).until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM alert_flag WHERE owner_agency = ?"
                + " AND active = TRUE", Long.class, TestEnvironment.LA_CSV) >= 1);
        assertThat(flags(TestEnvironment.TRUST)).isEqualTo(1);

        // only the owner may decide about its alert; a charity may not record decisions at all
        String body = """
                {"nhsNumber": "%s", "item": {"system": "%s", "value": "%s/CP31"}, "recipients": ["%s"],
                 "decidedBy": "Jo Bloggs", "decidedByRole": "Team manager, children's services",
                 "reason": "Sharing would be more detrimental to the child than not sharing"}"""
                .formatted(CHILD, SocialCareAlert.IDENTIFIER_SYSTEM, TestEnvironment.LA_CSV, TestEnvironment.TRUST);
        assertThat(post(TestEnvironment.TRUST, body).statusCode()).isEqualTo(403);
        assertThat(post(TestEnvironment.CHARITY, body).statusCode()).isEqualTo(403);
        HttpResponse<String> bad = post(TestEnvironment.LA_CSV, body.replace(CHILD, CHILD.substring(0, 9)
                + ((CHILD.charAt(9) - '0' + 1) % 10)));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).doesNotContain(CHILD.substring(0, 9));

        HttpResponse<String> recorded = post(TestEnvironment.LA_CSV, body);
        assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(201);
        assertThat(recorded.body()).doesNotContain(CHILD).doesNotContain("Jo Bloggs");

        // the ledger: one NOT_SHARED entry for the named recipient, about the person, chained and verified
        String subject = index.indexOf(Subject.identified(NhsNumber.parse(CHILD)));
        Map<String, Object> e = jdbc.queryForMap("SELECT recipient_agency, source_agency, outcome, rule_id, purpose,"
                + " override_reason, payload_digest FROM ledger_entry WHERE entry_kind = 'NOT_SHARED' AND subject_index = ?",
                subject);
        assertThat(e).containsEntry("recipient_agency", TestEnvironment.TRUST)
                .containsEntry("source_agency", TestEnvironment.LA_CSV).containsEntry("outcome", "NOT_SHARED")
                .containsEntry("rule_id", NotSharedDecisionEngine.RULE_ID).containsEntry("purpose", "safeguarding");
        assertThat((String) e.get("override_reason")).contains("CP31", "Team manager").doesNotContain("Jo Bloggs");
        assertThat(e.get("payload_digest")).isNotNull();
        assertThat(jdbc.queryForObject("SELECT decided_by FROM not_shared_decision", String.class))
                .as("who decided is encrypted at rest").doesNotContain("Bloggs");

        // pulled: the trust no longer gets it, and the withholding is a ledger decision
        long seq = jdbc.queryForObject("SELECT MAX(seq) FROM ledger_entry", Long.class);
        assertThat(flags(TestEnvironment.TRUST)).isZero();
        assertThat(jdbc.queryForList("SELECT outcome, rule_id FROM ledger_entry WHERE seq > ? AND recipient_agency = ?"
                + " AND message_id LIKE 'pull-%'", seq, TestEnvironment.TRUST)).singleElement().satisfies(m -> {
                    assertThat(m.get("outcome")).isEqualTo("WITHHOLD");
                    assertThat(m.get("rule_id")).isEqualTo(NotSharedDecisionEngine.RULE_ID);
                });

        // pushed: an update of the same alert is withheld from the trust too
        String update = admit(SeamlessEvent.ALERT_UPDATE);
        await().atMost(LONG).until(() -> !jdbc.queryForList("SELECT outcome FROM ledger_entry WHERE message_id = ?"
                + " AND recipient_agency = ? AND entry_kind = 'DECISION'", String.class, update, TestEnvironment.TRUST)
                .isEmpty());
        assertThat(jdbc.queryForList("SELECT outcome, rule_id FROM ledger_entry WHERE message_id = ? AND recipient_agency"
                + " = ?", update, TestEnvironment.TRUST)).singleElement().satisfies(m -> {
                    assertThat(m.get("outcome")).isEqualTo("WITHHOLD");
                    assertThat(m.get("rule_id")).isEqualTo(NotSharedDecisionEngine.RULE_ID);
                });
        assertThat(verifier.verify(List.of()).intact()).isTrue();

        // the IG report shows the decision: recipient, who decided, in which role and why
        // (as an IG lead signed in to the console: the report is an audited action of a named person)
        var user = org.springframework.security.core.userdetails.User.withUsername(TestEnvironment.IG_LEAD)
                .password("n/a").authorities(new org.springframework.security.core.authority.SimpleGrantedAuthority(
                        "ROLE_IG_LEAD")).build();
        org.springframework.security.core.context.SecurityContextHolder.getContext().setAuthentication(
                org.springframework.security.authentication.UsernamePasswordAuthenticationToken.authenticated(user, null,
                        user.getAuthorities()));
        List<DisclosureLines.Line> lines;
        try {
            lines = ig.disclosures(CHILD, IgConsole.REPORT_ACTION).orElseThrow().lines();
        } finally {
            org.springframework.security.core.context.SecurityContextHolder.clearContext();
        }
        assertThat(lines).filteredOn(l -> DisclosureLines.NOT_SHARED.equals(l.decision())).singleElement()
                .satisfies(l -> {
                    assertThat(l.recipient()).isEqualTo(TestEnvironment.TRUST);
                    assertThat(l.detail()).contains("CP31", "Jo Bloggs", "Team manager", "more detrimental to the child");
                });
        assertThat(lines).anySatisfy(l -> assertThat(l.decision()).isEqualTo("withheld"));
    }

    private String admit(SeamlessEvent event) {
        var la = registry.get(TestEnvironment.LA_CSV);
        var alert = new SocialCareAlert(la.id(), la.odsCode(), la.name(), "CP31", NhsNumber.parse(CHILD),
                AlertType.CHILD_PROTECTION_PLAN, LocalDate.now().minusDays(10), null, null, false, "Team N",
                "0113 496 0031");
        String id = UUID.randomUUID().toString();
        Bundle message = AlertMessages.message(alert, event, id, Instant.now(), LocalDate.now());
        assertThat(gate.admit(new InboundGate.Submission(la, "test", message,
                MessageBundles.toJson(message).getBytes(StandardCharsets.UTF_8), "application/fhir+json")))
                .isInstanceOf(InboundGate.Accepted.class);
        return id;
    }

    private int flags(String agency) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/fhir/Flag?patient.identifier=" + URLEncoder.encode(NhsNumber.SYSTEM + "|" + CHILD,
                        StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(60)).header("Accept", "application/fhir+json")
                .header("X-API-Key", ENV.apiKey(agency)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return FhirContexts.r4().newJsonParser().parseResource(Bundle.class, r.body()).getEntry().size();
    }

    private HttpResponse<String> post(String agency, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + NotSharedApi.PATH))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .header("X-API-Key", ENV.apiKey(agency)).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String nhs(String nine) {
        Integer check = NhsNumber.checkDigitFor(nine);
        if (check == null) {
            throw new IllegalStateException("no check digit");
        }
        return nine + check;
    }
}
